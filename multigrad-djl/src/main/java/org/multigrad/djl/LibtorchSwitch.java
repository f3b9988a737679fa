package org.multigrad.djl;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import jdk.incubator.foreign.CLinker;
import jdk.incubator.foreign.FunctionDescriptor;
import jdk.incubator.foreign.MemoryAddress;
import jdk.incubator.foreign.SymbolLookup;

/**
 * Switches one of libtorch's optional CPU kernel libraries on or off,
 * {@code at::globalContext().setUserEnabled<Backend>(bool)}, through the JDK 17 foreign-function API
 * ({@code jdk.incubator.foreign}); DJL has no option for either.
 *
 * <p>oneDNN (MKL-DNN), why off: libtorch 2.7.1 as bundled with DJL 0.35.1 computes a convolution's
 * input gradient with oneDNN, which reorders the filters into a blocked layout whose output channels
 * are padded to a multiple of the vector width (20 filters, LeNet's conv2, become 32) without zeroing
 * the padding rows. The padding is multiplied by zeros, so the result is exact only while the
 * recycled heap memory holds finite numbers; when it holds a NaN bit pattern the whole input
 * gradient turns NaN, which reached conv1's Jacobian entries in 7 of 10 Multi-Fashion runs on one
 * host (docs/onednn-conv-nan/ has the minimal reproducer). With oneDNN off, PyTorch runs its own
 * im2col + GEMM convolution, which never reads uninitialised memory.
 *
 * <p>NNPACK, why off: on CPUs where NNPACK cannot initialise, libtorch asks again and prints
 * "Could not initialize NNPACK! Reason: Unsupported hardware." at every convolution with a batch of
 * 16 or more (tens of megabytes of log per hour of training); where it does initialise it replaces
 * the im2col + GEMM forward, so the same run would use different kernels on different hosts. Off,
 * every host runs PyTorch's own convolution.
 *
 * <p>The JVM needs {@code --add-modules jdk.incubator.foreign --enable-native-access=ALL-UNNAMED}
 * (the {@code multigrad} launcher, the tests and the benchmarks pass them). The symbols are C++'s
 * Itanium-ABI names in {@code libtorch_cpu.so}, which DJL loads with the class loader that loads
 * this class; a member function takes {@code this} as its first argument.
 */
enum LibtorchSwitch {
    ONEDNN("Mkldnn"),
    NNPACK("NNPACK");

    private static final String GLOBAL_CONTEXT = "_ZN2at13globalContextEv";
    private final String setter;
    private final String getter;

    LibtorchSwitch(String backend) {
        String set = "setUserEnabled" + backend;
        String get = "userEnabled" + backend;
        this.setter = "_ZN2at7Context" + set.length() + set + "Eb";
        this.getter = "_ZNK2at7Context" + get.length() + get + "Ev";
    }

    /** Sets the switch; the PyTorch engine must be loaded. */
    void setEnabled(boolean enabled) {
        try {
            MemoryAddress context = context();
            MethodHandle set = CLinker.getInstance().downcallHandle(symbol(setter),
                    MethodType.methodType(void.class, MemoryAddress.class, byte.class),
                    FunctionDescriptor.ofVoid(CLinker.C_POINTER, CLinker.C_CHAR));
            set.invokeExact(context, (byte) (enabled ? 1 : 0));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("calling libtorch's " + setter + " failed: " + e, e);
        }
    }

    /** Whether libtorch would use this backend's kernels now. */
    boolean enabled() {
        try {
            MemoryAddress context = context();
            MethodHandle get = CLinker.getInstance().downcallHandle(symbol(getter),
                    MethodType.methodType(byte.class, MemoryAddress.class),
                    FunctionDescriptor.of(CLinker.C_CHAR, CLinker.C_POINTER));
            return (byte) get.invokeExact(context) != 0;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("calling libtorch's " + getter + " failed: " + e, e);
        }
    }

    private static MemoryAddress context() throws Throwable {
        MethodHandle globalContext = CLinker.getInstance().downcallHandle(symbol(GLOBAL_CONTEXT),
                MethodType.methodType(MemoryAddress.class), FunctionDescriptor.of(CLinker.C_POINTER));
        return (MemoryAddress) globalContext.invokeExact();
    }

    private static MemoryAddress symbol(String name) {
        return SymbolLookup.loaderLookup().lookup(name)
                .orElseThrow(() -> new IllegalStateException("libtorch symbol " + name + " not found; is the PyTorch engine loaded?"))
                .address();
    }
}
