package io.firedrill.support;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.CountDownLatch;

/**
 * SIGTERM and SIGINT handled by the application instead of the JVM, so a foreground server can
 * stop cleanly and exit 0 (the JVM's own handling ends the process with 143). Uses
 * {@code sun.misc.Signal} from the jdk.unsupported module, the JDK's supported way to do this,
 * through reflection so the build stays free of proprietary-API warnings.
 */
public final class TerminationSignals implements AutoCloseable {

    private static final List<String> SIGNALS = List.of("TERM", "INT");

    private final CountDownLatch received = new CountDownLatch(1);
    private final List<Object[]> previous = new ArrayList<>();

    private TerminationSignals() {
    }

    /** Takes SIGTERM and SIGINT over until closed, which gives them back to the JVM. */
    public static TerminationSignals install() {
        return install(signal -> { });
    }

    /**
     * Takes SIGTERM and SIGINT over until closed; each one that arrives is also handed to
     * {@code onSignal} by name ({@code SIGTERM}, {@code SIGINT}) on the JVM's signal thread.
     */
    public static TerminationSignals install(Consumer<String> onSignal) {
        TerminationSignals signals = new TerminationSignals();
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Object handler = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass},
                    (proxy, method, args) -> {
                        if (method.getName().equals("handle")) {
                            signals.received.countDown();
                            onSignal.accept("SIG" + args[0].getClass().getMethod("getName").invoke(args[0]));
                            return null;
                        }
                        return method.invoke(signals, args);
                    });
            for (String name : SIGNALS) {
                Object signal = signalClass.getConstructor(String.class).newInstance(name);
                signals.previous.add(new Object[] {signal, handle.invoke(null, signal, handler)});
            }
            return signals;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this JVM cannot handle SIGTERM/SIGINT (sun.misc.Signal): " + e, e);
        }
    }

    /** Blocks until SIGTERM or SIGINT arrives. */
    public void await() throws InterruptedException {
        received.await();
    }

    @Override
    public void close() {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Method handle = signalClass.getMethod("handle", signalClass, Class.forName("sun.misc.SignalHandler"));
            for (Object[] signalAndHandler : previous) {
                handle.invoke(null, signalAndHandler[0], signalAndHandler[1]);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not restore the JVM's SIGTERM/SIGINT handlers: " + e, e);
        }
    }
}
