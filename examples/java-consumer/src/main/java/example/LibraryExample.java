package example;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.multigrad.api.Aggregation;
import org.multigrad.api.Aggregator;
import org.multigrad.api.Jacobian;
import org.multigrad.registry.MethodRegistry;

public class LibraryExample {
    public static void main(String[] args) {
        // two objectives, three parameters: row i is the gradient g_i of objective i
        Jacobian jacobian = Jacobian.of(new double[][] {{-4, 1, 1}, {6, 1, 1}});  // or Jacobian.wrap(m, n, rowMajor), no copy
        double[] losses = {0.7, 1.2};                                             // read by loss-based methods; may be null
        Map<String, Map<String, Object>> methods = new LinkedHashMap<>();      // method name -> parameters
        methods.put("mgda", Map.of());
        methods.put("aligned-mtl", Map.of());
        methods.put("cagrad", Map.of("c", 0.5));                                  // omitted parameters keep their defaults
        for (Map.Entry<String, Map<String, Object>> entry : methods.entrySet()) {
            Aggregator method = MethodRegistry.get(entry.getKey()).create(entry.getValue());
            Aggregation result = method.aggregate(jacobian, losses);
            double[] weights = result.weights();                                 // λ, with direction d = Jᵀλ
            double[] direction = result.direction();                             // step: x ← x − lr·d
            System.out.println(String.format(Locale.ROOT, "%-12s weights %s direction %s", entry.getKey(),
                    round(weights), round(direction)));
        }
    }

    static String round(double[] values) {
        return Arrays.toString(Arrays.stream(values).map(v -> Math.round(v * 1e4) / 1e4).toArray());
    }
}
