package org.multigrad.method;

import java.util.Arrays;
import java.util.List;
import org.multigrad.api.TrainingHooks;
import org.multigrad.api.Weighting;
import org.multigrad.api.WeightingInput;
import org.multigrad.method.spec.MethodOptions;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.MethodSpec.Input;
import org.multigrad.method.spec.ParamSpec;
import org.multigrad.method.spec.Property;

/**
 * DWA, dynamic weight average: λ = m·softmax(r/T) with r_i the rate at which loss i falls,
 * r_i = L̄_i(recent) / L̄_i(previous). Liu, Johns and Davison, CVPR 2019 (MTAN), Eq. (1).
 *
 * <p>Two ways to average, parameter {@code mode}:
 * <ul>
 * <li>{@code epoch} (default; MTAN and LibMTL): L̄(e) is the mean training loss of epoch e,
 * accumulated here from the losses of every {@code weights} call and closed by {@link #endEpoch()};
 * r = L̄(e−1)/L̄(e−2), and λ = 1 until two epochs have ended.</li>
 * <li>{@code window} (Nash-MTL's {@code DynamicWeightAverage}): a FIFO of the last 2·{@code window}
 * loss vectors, initialised to ones; the current losses are pushed first, and once more than
 * {@code window} steps have been seen before this one, r = mean(newest window)/mean(oldest window);
 * λ = 1 before that.</li>
 * </ul>
 * Nash-MTL takes the mean of λ_i L_i rather than the sum, i.e. weights λ/m; that is a constant
 * factor in the learning rate, so both modes report the paper's λ = m·softmax(r/T) (Σλ = m).
 * Parameters: {@code temperature} T > 0 (default 2), {@code mode}, {@code window} ≥ 1 (default 25).
 *
 * <p>Needs from the loop: the losses, all > 0 (r divides by past losses); in epoch mode
 * {@code endEpoch()} at every epoch end. Not the Gramian, no {@code afterStep} (a no-op).
 * Properties: permutation-invariant, scale-invariant weights (they ignore the gradients), stateful
 * (the loss history; reset() clears it). Not on the simplex (Σλ = m).
 */
public final class Dwa implements Weighting, TrainingHooks {
    private static final long serialVersionUID = 4405854999589868928L;

    public static final ParamSpec<Double> TEMPERATURE =
            ParamSpec.realAbove("temperature", 2.0, 0, 1e6, "softmax temperature T");
    public static final ParamSpec<String> MODE = ParamSpec.choice("mode", "epoch", List.of("epoch", "window"),
            "average losses per epoch (LibMTL) or over sliding windows of steps (Nash-MTL)");
    public static final ParamSpec<Integer> WINDOW =
            ParamSpec.integer("window", 25, 1, 1_000_000, "steps per window in window mode");

    public static final MethodSpec SPEC = MethodSpec.weighting("dwa",
                    params -> new Dwa(params.get(TEMPERATURE), Mode.parse(params.get(MODE)),
                            params.get(WINDOW)))
            .summary("weights m*softmax(r/T) from the ratio r of recent to earlier average losses")
            .reference("Liu, Johns & Davison, CVPR 2019 (MTAN), Eq. (1); LibMTL DWA; Nash-MTL DynamicWeightAverage")
            .inputs(Input.LOSSES, Input.END_EPOCH)
            .state("loss history: epoch sum and the last two epoch means, or the last 2 windows of losses")
            .cost("O(m) (window mode O(m * window)); no Gramian")
            .properties(Property.PERMUTATION_INVARIANT, Property.SCALE_INVARIANT_WEIGHTS, Property.STATEFUL)
            .notes("needs the losses (> 0); epoch mode needs endEpoch() from the loop; weights sum to m")
            .param(TEMPERATURE)
            .param(MODE)
            .param(WINDOW)
            .build();

    /** Typed options, e.g. {@code Dwa.options().build()}; defaults and ranges are {@link #SPEC}'s. */
    public static Builder options() {
        return new Builder();
    }

    /** Options of {@code dwa}: one setter per parameter of {@link #SPEC}. */
    public static final class Builder extends MethodOptions<Dwa, Builder> {
        private Builder() {
            super(SPEC, Dwa.class);
        }

        /** Sets {@link #TEMPERATURE}. */
        public Builder temperature(double value) {
            return set(TEMPERATURE, value);
        }

        /** Sets {@link #MODE}. */
        public Builder mode(Mode value) {
            return set(MODE, value.label);
        }

        /** Sets {@link #WINDOW}. */
        public Builder window(int value) {
            return set(WINDOW, value);
        }
    }

    /** How the two loss averages are formed. */
    public enum Mode {
        EPOCH("epoch"), WINDOW("window");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        public static Mode parse(String label) {
            for (Mode value : values()) {
                if (value.label.equals(label)) {
                    return value;
                }
            }
            throw new IllegalArgumentException("dwa: parameter 'mode' must be epoch or window, got '" + label + "'");
        }
    }

    private final double temperature;
    private final Mode mode;
    private final int window;

    private int objectives;
    private double[] epochSum;
    private int epochSteps;
    private double[] lastEpochMean;
    private double[] previousEpochMean;
    private double[][] fifo;
    private int steps;

    public Dwa(double temperature, Mode mode, int window) {
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("dwa: parameter 'temperature' must be a finite number > 0, got " + temperature);
        }
        if (window < 1) {
            throw new IllegalArgumentException("dwa: parameter 'window' must be >= 1, got " + window);
        }
        this.temperature = temperature;
        this.mode = mode;
        this.window = window;
    }

    @Override
    public double[] weights(WeightingInput input) {
        double[] losses = input.losses("dwa", "the weights come from ratios of average losses");
        LossChecks.requirePositive("dwa", losses, "DWA divides by earlier average losses");
        start(losses.length);
        double[] ratios = mode == Mode.EPOCH ? epochRatios(losses) : windowRatios(losses);
        double[] weights = new double[objectives];
        if (ratios == null) {
            Arrays.fill(weights, 1.0);
            return weights;
        }
        double[] scaled = new double[objectives];
        for (int i = 0; i < objectives; i++) {
            scaled[i] = ratios[i] / temperature;
        }
        double[] softmax = Softmax.of(scaled);
        for (int i = 0; i < objectives; i++) {
            weights[i] = objectives * softmax[i];
        }
        return weights;
    }

    private void start(int m) {
        if (objectives == 0) {
            objectives = m;
            epochSum = new double[m];
            fifo = new double[2 * window][m];
            for (double[] row : fifo) {
                Arrays.fill(row, 1.0);
            }
        } else if (objectives != m) {
            throw new IllegalArgumentException("dwa: got " + m + " losses, but the history holds m = " + objectives
                    + "; call reset() before changing the number of objectives");
        }
    }

    /** r = L̄(e−1)/L̄(e−2) from completed epochs; the current losses only enter the running epoch sum. */
    private double[] epochRatios(double[] losses) {
        for (int i = 0; i < objectives; i++) {
            epochSum[i] += losses[i];
        }
        epochSteps++;
        if (previousEpochMean == null) {
            return null;
        }
        double[] ratios = new double[objectives];
        for (int i = 0; i < objectives; i++) {
            ratios[i] = lastEpochMean[i] / previousEpochMean[i];
        }
        return ratios;
    }

    private double[] windowRatios(double[] losses) {
        System.arraycopy(fifo, 1, fifo, 0, fifo.length - 1);
        fifo[fifo.length - 1] = losses.clone();
        boolean ready = steps > window;
        steps++;
        if (!ready) {
            return null;
        }
        double[] ratios = new double[objectives];
        for (int i = 0; i < objectives; i++) {
            double older = 0;
            double newer = 0;
            for (int k = 0; k < window; k++) {
                older += fifo[k][i];
                newer += fifo[window + k][i];
            }
            ratios[i] = newer / older;
        }
        return ratios;
    }

    /** Closes the epoch: its mean loss becomes L̄(e−1). An epoch without steps is ignored. */
    @Override
    public void endEpoch() {
        if (mode != Mode.EPOCH || epochSteps == 0) {
            return;
        }
        double[] mean = new double[objectives];
        for (int i = 0; i < objectives; i++) {
            mean[i] = epochSum[i] / epochSteps;
        }
        previousEpochMean = lastEpochMean;
        lastEpochMean = mean;
        epochSum = new double[objectives];
        epochSteps = 0;
    }

    /** DWA learns nothing from the step itself. */
    @Override
    public void afterStep(double[] newLosses) {
    }

    @Override
    public void reset() {
        objectives = 0;
        epochSum = null;
        epochSteps = 0;
        lastEpochMean = null;
        previousEpochMean = null;
        fifo = null;
        steps = 0;
    }

    @Override
    public String toString() {
        return "dwa(temperature=" + temperature + ", mode=" + mode.label
                + (mode == Mode.WINDOW ? ", window=" + window : "") + ")";
    }
}
