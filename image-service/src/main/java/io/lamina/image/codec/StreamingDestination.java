package io.lamina.image.codec;

import java.awt.Point;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.awt.image.WritableRaster;

/**
 * A destination image for {@code ImageReadParam.setDestination} that stores nothing: every row a reader writes into
 * it goes straight to an {@link AreaAverager}, so a large image can be decoded into a small one without the decoded
 * raster ever existing. It has the size and layout the reader expects (8-bit sRGB or grey, interleaved), backed by a
 * one-byte dummy buffer.
 *
 * <p>Readers write whole rows through {@code WritableRaster.setRect}/{@code setPixels} (the JDK's JPEG reader does, one
 * row per call). Any other kind of write (single pixels or samples) throws {@link AreaAverager.NotStreamable}: the
 * caller then decodes the usual way, so an unexpected reader can make this slower, never wrong.
 */
final class StreamingDestination {

    private StreamingDestination() {
    }

    static BufferedImage of(AreaAverager sink) {
        int bands = sink.bands();
        int[] offsets = bands == 1 ? new int[]{0} : new int[]{0, 1, 2};
        ColorSpace space = ColorSpace.getInstance(bands == 1 ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
        ColorModel model = new ComponentColorModel(space, false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        Rows samples = new Rows(sink, offsets);
        return new BufferedImage(model, new Target(samples, sink), false, null);
    }

    /** The raster the reader writes into; whole-row copies from a byte raster take the direct path. */
    private static final class Target extends WritableRaster {
        private final AreaAverager sink;

        Target(Rows samples, AreaAverager sink) {
            super(samples, new Dummy(), new Point(0, 0));
            this.sink = sink;
        }

        @Override
        public void setRect(int dx, int dy, Raster source) {
            int x = dx + source.getMinX();
            int y = dy + source.getMinY();
            if (x == 0 && source.getWidth() == sink.sourceWidth() && source.getNumBands() == sink.bands()
                    && source.getDataBuffer() instanceof DataBufferByte bytes
                    && source.getSampleModel() instanceof ComponentSampleModel layout && bytes.getNumBanks() == 1
                    && layout.getNumBands() == sink.bands()) {
                int[] bankIndices = layout.getBankIndices();
                for (int b : bankIndices) {
                    if (b != 0) {
                        super.setRect(dx, dy, source);
                        return;
                    }
                }
                byte[] data = bytes.getData();
                int tx = source.getSampleModelTranslateX();
                int ty = source.getSampleModelTranslateY();
                int pixelStride = layout.getPixelStride();
                int lineStride = layout.getScanlineStride();
                int[] bandOffsets = layout.getBandOffsets();
                for (int r = 0; r < source.getHeight(); r++) {
                    int sx = source.getMinX() - tx;
                    int sy = source.getMinY() + r - ty;
                    sink.row(y + r, data, bytes.getOffset() + sy * lineStride + sx * pixelStride, pixelStride,
                            bandOffsets);
                }
                return;
            }
            super.setRect(dx, dy, source);
        }
    }

    /**
     * The layout the reader sees. Whole-row {@code setPixels} calls feed the sink; other writes are refused; reads
     * answer zeros (there is nothing stored to read back).
     */
    private static final class Rows extends PixelInterleavedSampleModel {
        private final AreaAverager sink;

        Rows(AreaAverager sink, int[] offsets) {
            super(DataBuffer.TYPE_BYTE, sink.sourceWidth(), sink.sourceHeight(), offsets.length,
                    sink.sourceWidth() * offsets.length, offsets);
            this.sink = sink;
        }

        @Override
        public void setPixels(int x, int y, int w, int h, int[] samples, DataBuffer data) {
            if (x != 0 || w != sink.sourceWidth()) {
                throw new AreaAverager.NotStreamable("a partial row was written (x " + x + ", width " + w + ")");
            }
            int step = w * sink.bands();
            for (int r = 0; r < h; r++) {
                sink.row(y + r, samples, r * step);
            }
        }

        @Override
        public void setPixel(int x, int y, int[] samples, DataBuffer data) {
            throw refused();
        }

        @Override
        public void setDataElements(int x, int y, Object obj, DataBuffer data) {
            throw refused();
        }

        @Override
        public void setSample(int x, int y, int b, int s, DataBuffer data) {
            throw refused();
        }

        @Override
        public void setSamples(int x, int y, int w, int h, int b, int[] samples, DataBuffer data) {
            throw refused();
        }

        @Override
        public SampleModel createCompatibleSampleModel(int w, int h) {
            throw refused();
        }

        @Override
        public SampleModel createSubsetSampleModel(int[] bands) {
            throw refused();
        }

        private static AreaAverager.NotStreamable refused() {
            return new AreaAverager.NotStreamable("the reader writes single pixels or samples");
        }
    }

    /** A one-byte buffer that reads as zeros and takes no writes. */
    private static final class Dummy extends DataBuffer {
        Dummy() {
            super(DataBuffer.TYPE_BYTE, 1);
        }

        @Override
        public int getElem(int bank, int i) {
            return 0;
        }

        @Override
        public void setElem(int bank, int i, int val) {
            throw new AreaAverager.NotStreamable("the reader writes into the buffer directly");
        }
    }
}
