/**
 * MultiGrad on DJL's PyTorch engine: per-task Jacobians of a model's shared parameters, multi-task
 * models and training, the image datasets, the AMOO teacher-student study and the training and
 * benchmark services. Its public types take and return core and DJL types, so both are required
 * transitively.
 *
 * <p>On the module path: DJL's jars are automatic modules that declare none of their own
 * dependencies, so add them to the module graph ({@code --add-modules ALL-MODULE-PATH}), and keep on
 * the class path the {@code pytorch-native-cpu} jar (its manifest names the module
 * {@code ai.djl.pytorch_native_cpu_linux-x86_64}, not a legal module name), {@code pytorch-jni} and
 * commons-compress with its commons jars (its descriptor requires commons-lang3, which DJL does not
 * bring). Switching libtorch's oneDNN and NNPACK kernels off ({@code DjlRuntime}) uses the incubating
 * foreign-function API, which is optional ({@code requires static}): start the JVM with
 * {@code --add-modules jdk.incubator.foreign --enable-native-access=org.multigrad.djl}, or set
 * {@code -Dmultigrad.onednn=true -Dmultigrad.nnpack=true} to do without.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"}) // DJL publishes Automatic-Module-Names, no descriptors
module org.multigrad.djl {
    requires transitive org.multigrad.core;
    requires transitive ai.djl.api;
    requires ai.djl.pytorch_engine;
    requires com.fasterxml.jackson.databind;
    // the cost study: heap peaks (CostProbe) and the JVM options a point's fresh JVM inherits (CostStudy)
    requires java.management;
    requires static jdk.incubator.foreign;

    exports org.multigrad.djl;
    exports org.multigrad.djl.amoo;
    exports org.multigrad.djl.data;
    exports org.multigrad.djl.experiment;
    exports org.multigrad.djl.l2o;
    exports org.multigrad.djl.moblo;
    exports org.multigrad.djl.normal;
    exports org.multigrad.djl.tensor;
}
