package org.multigrad.djl.data;

import java.util.Arrays;

/**
 * A two-or-more-task image classification set held as unsigned bytes: {@code count} images of
 * rows x columns pixels and, per task, one label per image. Normalisation happens when a batch is
 * built ({@link #batch}), so the cached form stays compact and exact.
 */
public final class MultiTaskImages {
    private final String name;
    private final int count;
    private final int rows;
    private final int columns;
    private final byte[] pixels;
    private final byte[][] labels;
    private final int[] classes;

    public MultiTaskImages(String name, int rows, int columns, byte[] pixels, byte[][] labels, int[] classes) {
        if (labels.length == 0 || labels.length != classes.length) {
            throw new IllegalArgumentException(name + ": need one class count per task, got " + labels.length + " label sets and "
                    + classes.length + " class counts");
        }
        int perImage = rows * columns;
        if (perImage <= 0 || pixels.length % perImage != 0) {
            throw new IllegalArgumentException(name + ": " + pixels.length + " pixels is not a whole number of " + rows + "x"
                    + columns + " images");
        }
        this.count = pixels.length / perImage;
        for (int task = 0; task < labels.length; task++) {
            if (labels[task].length != count) {
                throw new IllegalArgumentException(name + ": task " + task + " has " + labels[task].length + " labels for "
                        + count + " images");
            }
        }
        this.name = name;
        this.rows = rows;
        this.columns = columns;
        this.pixels = pixels;
        this.labels = labels;
        this.classes = classes.clone();
    }

    public String name() {
        return name;
    }

    public int size() {
        return count;
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    public int tasks() {
        return labels.length;
    }

    public int classes(int task) {
        return classes[task];
    }

    public byte[] pixels() {
        return pixels;
    }

    public int label(int task, int image) {
        return labels[task][image] & 0xff;
    }

    byte[] labels(int task) {
        return labels[task];
    }

    /** The first {@code limit} images (all of them when limit is 0 or larger than the set). */
    public MultiTaskImages head(int limit) {
        if (limit <= 0 || limit >= count) {
            return this;
        }
        return slice(0, limit);
    }

    /** The {@code length} images from {@code from} on, copied. */
    public MultiTaskImages slice(int from, int length) {
        if (from < 0 || length < 0 || from + length > count) {
            throw new IllegalArgumentException("images " + from + ".." + (from + length) + " are outside the " + count + " of " + name);
        }
        int perImage = rows * columns;
        byte[][] kept = new byte[labels.length][];
        for (int task = 0; task < labels.length; task++) {
            kept[task] = Arrays.copyOfRange(labels[task], from, from + length);
        }
        return new MultiTaskImages(name, rows, columns, Arrays.copyOfRange(pixels, from * perImage, (from + length) * perImage),
                kept, classes);
    }

    /**
     * Fills {@code inputs} (length batch·rows·columns) with normalised pixels (x/255 − mean)/std of the
     * images at {@code order[from..from+batch)} and {@code targets[task]} with their labels.
     */
    public void batch(int[] order, int from, int batch, double mean, double std, float[] inputs, int[][] targets) {
        int perImage = rows * columns;
        for (int b = 0; b < batch; b++) {
            int image = order[from + b];
            int base = image * perImage;
            int out = b * perImage;
            for (int k = 0; k < perImage; k++) {
                inputs[out + k] = (float) (((pixels[base + k] & 0xff) / 255.0 - mean) / std);
            }
            for (int task = 0; task < labels.length; task++) {
                targets[task][b] = labels[task][image] & 0xff;
            }
        }
    }
}
