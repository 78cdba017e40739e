import io.lamina.extraction.model.layout.DocumentLayout;
import io.lamina.extraction.read.DocumentReaders;
import io.lamina.extraction.read.OcrEngines;
import io.lamina.extraction.read.ReadLimits;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lamina's side of extraction-service/bench/run.sh (the baselines run in the script).
 *   text <pdf> <runs> <threads>: median seconds to read the PDF's text layer with positions (OCR off), after a warm-up
 *   ocr <png>...:                 pages per second of one Tesseract engine over the given 300 dpi pages, after a warm-up
 */
public class Bench {
    /** CPU time of the whole JVM (all threads, GC and JIT included). */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("text")) {
            byte[] pdf = Files.readAllBytes(Path.of(args[1]));
            int runs = Integer.parseInt(args[2]);
            int threads = Integer.parseInt(args[3]);
            DocumentReaders readers = new DocumentReaders(ReadLimits.defaults(), OcrEngines.disabled("bench"), threads);
            // The first read of a fresh JVM (class loading, interpreter), then warm-up reads: a running
            // extraction-service has read many documents; the timed reads measure that steady state.
            long coldStart = System.nanoTime();
            DocumentLayout warm = readers.read("bench.pdf", pdf);
            double cold = (System.nanoTime() - coldStart) / 1e9;
            int warmUp = Integer.getInteger("bench.warmup", 20);
            for (int i = 0; i < warmUp; i++) {
                readers.read("bench.pdf", pdf);
            }
            double[] times = new double[runs];
            double[] cpu = new double[runs];
            for (int i = 0; i < runs; i++) {
                long c = cpuNanos();
                long t = System.nanoTime();
                readers.read("bench.pdf", pdf);
                times[i] = (System.nanoTime() - t) / 1e9;
                cpu[i] = (cpuNanos() - c) / 1e9;
            }
            Arrays.sort(times);
            Arrays.sort(cpu);
            System.out.printf("LAMINA_TEXT pages=%d chars=%d median_s=%.3f cpu_s=%.3f cold_s=%.3f warmup=%d%n",
                    warm.pages().size(), warm.markdown().length(), times[runs / 2], cpu[runs / 2], cold, warmUp);
            readers.close();
        } else {
            OcrEngines ocr = new OcrEngines("/usr/share/tesseract-ocr/5/tessdata", "eng", 1);
            List<File> pages = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                pages.add(new File(args[i]));
            }
            ocr.recognize(ImageIO.read(pages.get(0)), 300, 1, null);
            long c = cpuNanos();
            long t = System.nanoTime();
            int words = 0;
            for (File f : pages) {
                BufferedImage image = ImageIO.read(f);
                words += ocr.recognize(image, 300, 1, null).lines().stream().mapToInt(l -> l.words().size()).sum();
            }
            double s = (System.nanoTime() - t) / 1e9;
            double cs = (cpuNanos() - c) / 1e9;
            System.out.printf("LAMINA_OCR pages=%d words=%d seconds=%.3f cpu_s=%.3f pages_per_s=%.3f "
                    + "pages_per_cpu_s=%.3f%n", pages.size(), words, s, cs, pages.size() / s, pages.size() / cs);
            ocr.close();
        }
        System.exit(0);
    }
}
