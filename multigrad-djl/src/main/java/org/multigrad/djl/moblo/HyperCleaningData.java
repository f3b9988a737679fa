package org.multigrad.djl.moblo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.multigrad.djl.data.IdxReader;
import org.multigrad.djl.data.ImageSources;
import org.multigrad.djl.data.MultiImageDatasets;

/**
 * The splits of the hyper-cleaning experiment (Ye's thesis, §3.7.1): per dataset a training set with
 * a fraction of its labels replaced by another class drawn uniformly (the thesis: half), val1 (the
 * upper-level objective), val2 (model selection) and test. MNIST splits the 10,000 digits shipped
 * with the repository (thesis: 5,000 test images; 3,000 are left here); Fashion-MNIST takes train,
 * val1 and val2 from its training set and the test images from its test set. Which images go where
 * and which labels are corrupted is drawn from the seed.
 */
public final class HyperCleaningData {
    public static final List<String> DATASETS = List.of("mnist", "fashion-mnist");
    public static final int CLASSES = 10;

    /** Images per split. */
    public record Sizes(int train, int val1, int val2, int test) {
        public Sizes {
            if (train < 1 || val1 < 1 || val2 < 1 || test < 1) {
                throw new IllegalArgumentException("--splits: every split needs at least one image, got " + train + ","
                        + val1 + "," + val2 + "," + test);
            }
        }

        /** The thesis's sizes for {@code dataset}, MNIST's test split cut to what the 10,000 digits leave. */
        public static Sizes thesis(String dataset) {
            return dataset.equals("mnist") ? new Sizes(5000, 1000, 1000, 3000) : new Sizes(5000, 1000, 1000, 5000);
        }
    }

    /** Images (unsigned bytes, 28 x 28 each) and their labels. */
    public record Split(byte[] pixels, int[] labels) {
        public int size() {
            return labels.length;
        }

        /** Images {@code indices} scaled to [0, 1] (p/255, torchvision's ToTensor, as the thesis's PyTorch code), row after row into {@code out}. */
        public void fill(int[] indices, float[] out) {
            int per = PIXELS;
            for (int b = 0; b < indices.length; b++) {
                int from = indices[b] * per;
                for (int k = 0; k < per; k++) {
                    out[b * per + k] = (pixels[from + k] & 0xff) / 255f;
                }
            }
        }
    }

    /** One dataset's splits; {@code corrupted[j]} says whether training label j was replaced. */
    public record Splits(String name, Split train, boolean[] corrupted, Split val1, Split val2, Split test) {
    }

    static final int PIXELS = 28 * 28;

    private HyperCleaningData() {
    }

    /** {@link #load} for each of {@code datasets}, its IDX files from {@code mnistDir} or {@code fashionDir} (null: the defaults). */
    public static java.util.List<Splits> loadAll(java.util.List<String> datasets, Path mnistDir, Path fashionDir,
                                                 java.util.function.Function<String, Sizes> sizes, double noise, long seed) {
        java.util.List<Splits> sets = new java.util.ArrayList<>();
        for (String dataset : datasets) {
            sets.add(load(dataset, dataset.equals("mnist") ? mnistDir : fashionDir, sizes.apply(dataset), noise, seed));
        }
        return sets;
    }

    /**
     * The splits of {@code dataset} (mnist or fashion-mnist) with a fraction {@code noise} ∈ [0, 1) of
     * the training labels corrupted; {@code dir} overrides where the IDX files are (null: the shipped
     * MNIST digits, Fashion-MNIST from its Debian package).
     */
    public static Splits load(String dataset, Path dir, Sizes sizes, double noise, long seed) {
        if (!(noise >= 0 && noise < 1)) {
            throw new IllegalArgumentException("--noise must be in [0, 1), got " + noise);
        }
        Random random = new Random(seed * 1_000_003L + DATASETS.indexOf(dataset));
        Splits splits;
        if (dataset.equals("mnist")) {
            ImageSources.Source source = ImageSources.mnist(dir);
            Split pool = concat(source.train(), source.test());
            int needed = sizes.train() + sizes.val1() + sizes.val2() + sizes.test();
            if (needed > pool.size()) {
                throw new IllegalArgumentException("mnist: the splits " + sizes.train() + " + " + sizes.val1() + " + "
                        + sizes.val2() + " + " + sizes.test() + " = " + needed + " exceed the " + pool.size()
                        + " digits available");
            }
            int[] order = MultiImageDatasets.permutation(pool.size(), random);
            splits = fromPool(dataset, pool, order, sizes,
                    take(pool, order, sizes.train() + sizes.val1() + sizes.val2(), sizes.test()));
        } else if (dataset.equals("fashion-mnist")) {
            Path base = dir != null ? dir : ImageSources.DEBIAN_FASHION_DIR;
            if (!Files.isDirectory(base)) {
                throw new IllegalArgumentException("Fashion-MNIST not found in " + base + ": install it with"
                        + " `apt-get install -y dataset-fashion-mnist` or pass --fashion-dir DIR");
            }
            ImageSources.Source source = ImageSources.fashion(base);
            Split pool = toSplit(source.train());
            Split tests = toSplit(source.test());
            int needed = sizes.train() + sizes.val1() + sizes.val2();
            if (needed > pool.size() || sizes.test() > tests.size()) {
                throw new IllegalArgumentException("fashion-mnist: the splits " + sizes.train() + " + " + sizes.val1()
                        + " + " + sizes.val2() + " = " + needed + " of " + pool.size() + " training images and "
                        + sizes.test() + " of " + tests.size() + " test images exceed the data");
            }
            int[] order = MultiImageDatasets.permutation(pool.size(), random);
            splits = fromPool(dataset, pool, order, sizes,
                    take(tests, MultiImageDatasets.permutation(tests.size(), random), 0, sizes.test()));
        } else {
            throw new IllegalArgumentException("--datasets: unknown dataset '" + dataset + "'; known: "
                    + String.join(", ", DATASETS));
        }
        return corrupt(splits, noise, random);
    }

    /** Train, val1 and val2 from the front of {@code order} over {@code pool}, in that order, and {@code test}. */
    private static Splits fromPool(String dataset, Split pool, int[] order, Sizes sizes, Split test) {
        Split train = take(pool, order, 0, sizes.train());
        Split val1 = take(pool, order, sizes.train(), sizes.val1());
        Split val2 = take(pool, order, sizes.train() + sizes.val1(), sizes.val2());
        return new Splits(dataset, train, null, val1, val2, test);
    }

    /** Replaces the labels of round(noise · n) training images, chosen at random, by another class drawn uniformly. */
    private static Splits corrupt(Splits splits, double noise, Random random) {
        int[] labels = splits.train().labels().clone();
        boolean[] corrupted = new boolean[labels.length];
        int[] order = MultiImageDatasets.permutation(labels.length, random);
        int count = (int) Math.round(noise * labels.length);
        for (int k = 0; k < count; k++) {
            int j = order[k];
            labels[j] = (labels[j] + 1 + random.nextInt(CLASSES - 1)) % CLASSES;
            corrupted[j] = true;
        }
        return new Splits(splits.name(), new Split(splits.train().pixels(), labels), corrupted, splits.val1(),
                splits.val2(), splits.test());
    }

    private static Split toSplit(ImageSources.Split split) {
        requireMnistShape(split.images());
        int[] labels = new int[split.labels().length];
        for (int j = 0; j < labels.length; j++) {
            labels[j] = split.labels()[j] & 0xff;
        }
        return new Split(split.images().pixels(), labels);
    }

    private static Split concat(ImageSources.Split first, ImageSources.Split second) {
        Split a = toSplit(first);
        Split b = toSplit(second);
        byte[] pixels = new byte[a.pixels().length + b.pixels().length];
        System.arraycopy(a.pixels(), 0, pixels, 0, a.pixels().length);
        System.arraycopy(b.pixels(), 0, pixels, a.pixels().length, b.pixels().length);
        int[] labels = new int[a.size() + b.size()];
        System.arraycopy(a.labels(), 0, labels, 0, a.size());
        System.arraycopy(b.labels(), 0, labels, a.size(), b.size());
        return new Split(pixels, labels);
    }

    private static Split take(Split pool, int[] order, int from, int count) {
        byte[] pixels = new byte[count * PIXELS];
        int[] labels = new int[count];
        for (int j = 0; j < count; j++) {
            System.arraycopy(pool.pixels(), order[from + j] * PIXELS, pixels, j * PIXELS, PIXELS);
            labels[j] = pool.labels()[order[from + j]];
        }
        return new Split(pixels, labels);
    }

    private static void requireMnistShape(IdxReader.Images images) {
        if (images.rows() != 28 || images.columns() != 28) {
            throw new IllegalArgumentException("hyper-cleaning needs 28 x 28 images, got " + images.rows() + " x "
                    + images.columns());
        }
    }
}
