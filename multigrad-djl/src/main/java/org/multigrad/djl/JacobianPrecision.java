package org.multigrad.djl;

import java.util.Locale;
import org.multigrad.method.spec.MethodSpec;

/**
 * How {@link DjlJacobianSource} stores J. The gradients PyTorch computes are float32 either way, so
 * both storages hold the same values; the core's kernels widen float32 to double and accumulate in
 * double, so G and d = Jᵀλ differ between the two only in summation order (see
 * {@link org.multigrad.api.Jacobian}).
 *
 * <ul>
 *   <li>{@link #FLOAT32} (the default): each gradient tensor is copied once into a reused
 *       {@code float[m·n]}: half the memory of J and half the bytes the Gramian and combination
 *       passes read. graddrop, db-mtl and moco read J coordinate-wise and refuse it; a training
 *       run stores J as double for them ({@link #effectiveFor}).</li>
 *   <li>{@link #DOUBLE}: each gradient is widened into a reused {@code double[m·n]}, the storage
 *       every method accepts.</li>
 * </ul>
 */
public enum JacobianPrecision {
    FLOAT32,
    DOUBLE;

    /**
     * The storage a step of {@code method} uses when this one is requested: {@link #DOUBLE} for a
     * method that reads J's coordinates ({@link MethodSpec#readsJacobianCoordinates()}: graddrop,
     * db-mtl, moco), else this one. The values are the same float32 gradients either way.
     */
    public JacobianPrecision effectiveFor(MethodSpec method) {
        return method.readsJacobianCoordinates() ? DOUBLE : this;
    }

    /** {@code float32} or {@code double}, as {@code --jacobian-precision} takes it. */
    public static JacobianPrecision parse(String name) {
        return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "float32" -> FLOAT32;
            case "double" -> DOUBLE;
            default -> throw new IllegalArgumentException("--jacobian-precision must be 'float32' or 'double', got '" + name + "'");
        };
    }

    /** The option's spelling: {@code float32} or {@code double}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
