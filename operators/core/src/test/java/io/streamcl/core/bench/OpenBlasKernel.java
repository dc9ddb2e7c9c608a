package io.streamcl.core.bench;

import com.sun.jna.NativeLibrary;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Which OpenBLAS kernel serves the core's matrix products. OpenBLAS picks it from the CPU when it loads, or takes
 * {@code OPENBLAS_CORETYPE} from the JVM's environment; the OpenBLAS 0.3.19 that ND4J ships falls back to a slow
 * generic kernel on CPUs it does not know, so every bench says which one ran and why ({@code
 * STREAMCL_OPENBLAS_CHOICE}, set by {@code openblas-env.sh}). The JavaCPP preset does not map
 * {@code openblas_get_corename}, so it is called through JNA (on ND4J's classpath) in the library JavaCPP loaded.
 */
final class OpenBlasKernel {
    private OpenBlasKernel() {}

    /** One line for bench output: the kernel, how it was chosen, and OpenBLAS's build configuration. */
    static String describe() {
        String requested = System.getenv("OPENBLAS_CORETYPE");
        String choice = System.getenv("STREAMCL_OPENBLAS_CHOICE");
        String how = (requested == null ? "detected by OpenBLAS" : "OPENBLAS_CORETYPE=" + requested)
                + (choice == null ? "" : ", " + choice);
        try {
            NativeLibrary library = NativeLibrary.getInstance(Loader.load(openblas_nolapack.class));
            return "OpenBLAS kernel " + call(library, "openblas_get_corename") + " (" + how + "; "
                    + call(library, "openblas_get_config") + ")";
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return "OpenBLAS kernel unknown (" + how + "; " + e.getMessage() + ")";
        }
    }

    private static String call(NativeLibrary library, String function) {
        return library.getFunction(function).invokeString(new Object[0], false).trim();
    }
}
