package org.multigrad.djl.moblo;

/**
 * Mean cross-entropy, accuracy and macro-F1 of a classifier on one split. Macro-F1 is the mean over
 * classes of F1_c = 2TP_c / (2TP_c + FP_c + FN_c), over the classes that occur among the labels or
 * the predictions (scikit-learn's {@code f1_score(average="macro")}, which the thesis's numbers use).
 */
public record ClassificationScores(double loss, double accuracy, double macroF1) {
    public static ClassificationScores of(double loss, int[] labels, int[] predictions, int classes) {
        int[] truePositives = new int[classes];
        int[] predicted = new int[classes];
        int[] actual = new int[classes];
        int correct = 0;
        for (int j = 0; j < labels.length; j++) {
            actual[labels[j]]++;
            predicted[predictions[j]]++;
            if (labels[j] == predictions[j]) {
                truePositives[labels[j]]++;
                correct++;
            }
        }
        double sum = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            if (actual[c] + predicted[c] > 0) {
                sum += 2.0 * truePositives[c] / (actual[c] + predicted[c]);
                present++;
            }
        }
        return new ClassificationScores(loss, (double) correct / labels.length, present == 0 ? 0 : sum / present);
    }
}
