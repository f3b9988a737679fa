package org.multigrad.djl.data;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * MultiMNIST-style two-task sets (Sabour et al. 2017; Sener and Koltun, NeurIPS 2018; ML2O section
 * 5.1): each image is two 28x28 items on a 36x36 canvas, the left one in the top-left corner shifted
 * by 0..2 px, the right one in the bottom-right corner (offset 6) shifted by −2..2 px, overlapping
 * pixels combined by max (as in isl-org/MultiObjectiveOptimization), then resized to 28x28 with
 * nearest-neighbour sampling (source index ⌊dst·36/28⌋, PyTorch's "nearest"). Task 0 is the left
 * label, task 1 the right label, 10 classes each. Partners are drawn by a random permutation of the
 * right-hand source. Every draw comes from {@link Random} seeded with the dataset seed and the split,
 * so the same seed and sources give the same bytes on every JVM.
 *
 * <ul>
 *   <li>{@code multi-mnist}: MNIST on both sides;</li>
 *   <li>{@code multi-fashion}: Fashion-MNIST on both sides;</li>
 *   <li>{@code multi-fashion-mnist}: an MNIST digit top-left, a Fashion-MNIST item bottom-right
 *       (Lin et al. 2019, Pareto MTL); as many images as the MNIST split.</li>
 * </ul>
 */
public final class MultiImageDatasets {
    public static final List<String> NAMES = List.of("multi-mnist", "multi-fashion", "multi-fashion-mnist", "fashion-ovr");

    /** The classes of {@code fashion-ovr}'s known families (NORMAL's relatedness check): tops, footwear, other. */
    public static final int[][] FASHION_FAMILIES = {{0, 2, 4, 6}, {5, 7, 9}, {1, 3, 8}};

    /** The number of tasks of the named set: 10 one-vs-rest tasks for {@code fashion-ovr}, 2 for the composites. */
    public static int tasks(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown dataset '" + name + "'; known datasets: " + String.join(", ", NAMES));
        }
        return name.equals("fashion-ovr") ? 10 : 2;
    }
    /** MNIST normalisation used by every MultiMNIST recipe. */
    public static final double MEAN = 0.1307;
    public static final double STD = 0.3081;
    static final int CANVAS = 36;
    static final int SIZE = 28;
    static final int RIGHT_OFFSET = 6;
    static final int SHIFT = 2;
    /** Bump when the recipe changes so that stale caches are rebuilt. */
    static final int RECIPE_VERSION = 1;
    private static final int CACHE_MAGIC = 0x4d47494d;

    /** The train and test splits of one generated set. */
    public record Splits(MultiTaskImages train, MultiTaskImages test) {
    }

    private MultiImageDatasets() {
    }

    /**
     * Builds (or loads from {@code cacheDir}, when not null) the named set.
     *
     * @param mnistDir MNIST directory or null for the shipped 10k subset
     * @param fashionDir Fashion-MNIST directory or null for the Debian location
     */
    public static Splits load(String name, long seed, Path mnistDir, Path fashionDir, Path cacheDir) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown dataset '" + name + "'; known datasets: " + String.join(", ", NAMES));
        }
        if (name.equals("fashion-ovr")) {
            ImageSources.Source fashion = ImageSources.fashion(fashionDir);
            long key = fingerprint(fashion, fashion);
            return new Splits(cached(name, "train", 0, key, cacheDir, () -> oneVsRest(name + "/train", fashion.train())),
                    cached(name, "test", 0, key, cacheDir, () -> oneVsRest(name + "/test", fashion.test())));
        }
        ImageSources.Source left;
        ImageSources.Source right;
        switch (name) {
            case "multi-mnist":
                left = ImageSources.mnist(mnistDir);
                right = left;
                break;
            case "multi-fashion":
                left = ImageSources.fashion(fashionDir);
                right = left;
                break;
            default:
                left = ImageSources.mnist(mnistDir);
                right = ImageSources.fashion(fashionDir);
        }
        long key = fingerprint(left, right);
        return new Splits(cached(name, "train", seed, key, cacheDir, () -> compose(name + "/train", left.train(), right.train(), seed, 0)),
                cached(name, "test", seed, key, cacheDir, () -> compose(name + "/test", left.test(), right.test(), seed, 1)));
    }

    /** Composes one split: left item i with right item perm[i mod nRight]. */
    public static MultiTaskImages compose(String name, ImageSources.Split left, ImageSources.Split right, long seed, int split) {
        IdxReader.Images a = left.images();
        IdxReader.Images b = right.images();
        if (a.rows() != SIZE || a.columns() != SIZE || b.rows() != SIZE || b.columns() != SIZE) {
            throw new IllegalArgumentException(name + ": source images must be 28x28, got " + a.rows() + "x" + a.columns()
                    + " and " + b.rows() + "x" + b.columns());
        }
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + split);
        int count = a.count();
        int[] partners = permutation(b.count(), random);
        byte[] pixels = new byte[count * SIZE * SIZE];
        byte[] leftLabels = new byte[count];
        byte[] rightLabels = new byte[count];
        int[] canvas = new int[CANVAS * CANVAS];
        for (int i = 0; i < count; i++) {
            int partner = partners[i % partners.length];
            int leftRow = random.nextInt(SHIFT + 1);
            int leftColumn = random.nextInt(SHIFT + 1);
            int rightRow = RIGHT_OFFSET + random.nextInt(2 * SHIFT + 1) - SHIFT;
            int rightColumn = RIGHT_OFFSET + random.nextInt(2 * SHIFT + 1) - SHIFT;
            java.util.Arrays.fill(canvas, 0);
            paste(canvas, a, i, leftRow, leftColumn);
            paste(canvas, b, partner, rightRow, rightColumn);
            int out = i * SIZE * SIZE;
            for (int r = 0; r < SIZE; r++) {
                int sourceRow = r * CANVAS / SIZE;
                for (int c = 0; c < SIZE; c++) {
                    pixels[out + r * SIZE + c] = (byte) canvas[sourceRow * CANVAS + c * CANVAS / SIZE];
                }
            }
            leftLabels[i] = left.labels()[i];
            rightLabels[i] = right.labels()[partner];
        }
        return new MultiTaskImages(name, SIZE, SIZE, pixels, new byte[][] {leftLabels, rightLabels}, new int[] {10, 10});
    }

    /**
     * {@code fashion-ovr}: the Fashion-MNIST images as they are, with 10 binary tasks, task t asking
     * "is this class t?" (label 1) — many tasks on one input, like CelebA's attributes, with known
     * families ({@link #FASHION_FAMILIES}). The seed plays no part (no composition).
     */
    static MultiTaskImages oneVsRest(String name, ImageSources.Split split) {
        IdxReader.Images images = split.images();
        if (images.rows() != SIZE || images.columns() != SIZE) {
            throw new IllegalArgumentException(name + ": source images must be 28x28, got " + images.rows() + "x" + images.columns());
        }
        int count = images.count();
        byte[][] labels = new byte[10][count];
        for (int i = 0; i < count; i++) {
            int label = split.labels()[i];
            if (label < 0 || label > 9) {
                throw new IllegalArgumentException(name + ": image " + i + " has label " + label + ", Fashion-MNIST has 0..9");
            }
            labels[label][i] = 1;
        }
        int[] classes = new int[10];
        java.util.Arrays.fill(classes, 2);
        return new MultiTaskImages(name, SIZE, SIZE, images.pixels().clone(), labels, classes);
    }

    private static void paste(int[] canvas, IdxReader.Images images, int image, int row, int column) {
        for (int r = 0; r < SIZE; r++) {
            for (int c = 0; c < SIZE; c++) {
                int at = (row + r) * CANVAS + column + c;
                canvas[at] = Math.max(canvas[at], images.pixel(image, r, c));
            }
        }
    }

    /**
     * A uniformly random permutation of 0..n−1 (Fisher-Yates) from {@code random}; the seeded
     * generator makes dataset partners and epoch orders reproducible.
     */
    public static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private static long fingerprint(ImageSources.Source left, ImageSources.Source right) {
        CRC32 crc = new CRC32();
        for (ImageSources.Source source : new ImageSources.Source[] {left, right}) {
            for (ImageSources.Split split : new ImageSources.Split[] {source.train(), source.test()}) {
                crc.update(split.images().pixels());
                crc.update(split.labels());
            }
        }
        return crc.getValue();
    }

    private static MultiTaskImages cached(String name, String split, long seed, long key, Path cacheDir,
                                          java.util.function.Supplier<MultiTaskImages> build) {
        if (cacheDir == null) {
            return build.get();
        }
        Path file = cacheDir.resolve(String.format("%s-%s-seed%d-v%d-%08x.bin", name, split, seed, RECIPE_VERSION, key));
        if (Files.isRegularFile(file)) {
            try {
                return read(file, name + "/" + split);
            } catch (IllegalArgumentException | UncheckedIOException e) {
                System.err.println("multigrad: ignoring unreadable dataset cache " + file + " (" + e.getMessage() + "); rebuilding");
            }
        }
        MultiTaskImages built = build.get();
        write(file, built);
        return built;
    }

    static void write(Path file, MultiTaskImages set) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            CRC32 crc = new CRC32();
            crc.update(set.pixels());
            for (int task = 0; task < set.tasks(); task++) {
                crc.update(set.labels(task));
            }
            try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
                out.writeInt(CACHE_MAGIC);
                out.writeInt(set.size());
                out.writeInt(set.rows());
                out.writeInt(set.columns());
                out.writeInt(set.tasks());
                for (int task = 0; task < set.tasks(); task++) {
                    out.writeInt(set.classes(task));
                }
                out.write(set.pixels());
                for (int task = 0; task < set.tasks(); task++) {
                    out.write(set.labels(task));
                }
                out.writeLong(crc.getValue());
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write dataset cache " + file + ": " + e.getMessage(), e);
        }
    }

    static MultiTaskImages read(Path file, String name) {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != CACHE_MAGIC) {
                throw new IllegalArgumentException(file + ": not a multigrad dataset cache");
            }
            int count = in.readInt();
            int rows = in.readInt();
            int columns = in.readInt();
            int tasks = in.readInt();
            if (count <= 0 || rows != SIZE || columns != SIZE || tasks <= 0 || tasks > 64) {
                throw new IllegalArgumentException(file + ": bad cache header");
            }
            int[] classes = new int[tasks];
            for (int task = 0; task < tasks; task++) {
                classes[task] = in.readInt();
            }
            byte[] pixels = new byte[count * rows * columns];
            in.readFully(pixels);
            byte[][] labels = new byte[tasks][count];
            CRC32 crc = new CRC32();
            crc.update(pixels);
            for (int task = 0; task < tasks; task++) {
                in.readFully(labels[task]);
                crc.update(labels[task]);
            }
            if (in.readLong() != crc.getValue()) {
                throw new IllegalArgumentException(file + ": checksum mismatch");
            }
            return new MultiTaskImages(name, rows, columns, pixels, labels, classes);
        } catch (java.io.EOFException e) {
            throw new IllegalArgumentException(file + ": truncated cache", e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
