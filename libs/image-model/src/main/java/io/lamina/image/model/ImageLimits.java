package io.lamina.image.model;

/**
 * Fixed bounds of a valid request, the same at submit and at run time. Resource limits that depend on the
 * installation (pixel budget, bytes) are image-service configuration ({@code lamina.images.*}).
 */
public final class ImageLimits {

    /** Operations in one image_transformation (Iteration Layer's limit). */
    public static final int MAX_OPERATIONS = 30;
    /** Largest width or height asked for anywhere (resize, crop, canvas, layer). */
    public static final int MAX_DIMENSION = 16384;
    /** Blur and sharpen sigma: a Gaussian kernel is about 6σ wide. */
    public static final double MAX_SIGMA = 100;
    /** Median window of denoise, in pixels. */
    public static final int MAX_DENOISE_SIZE = 15;
    public static final int MAX_LAYERS = 100;
    public static final int MAX_LAYOUT_DEPTH = 8;
    public static final int MAX_FONTS = 20;
    public static final int MAX_TEXT_LENGTH = 10_000;

    private ImageLimits() {
    }
}
