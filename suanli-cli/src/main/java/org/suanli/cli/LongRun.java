package org.suanli.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A run that may take more than a couple of seconds: a progress bar on stderr when a person is
 * watching (a console, and neither --json nor --csv), and a Ctrl-C hook that sets {@link #cancel}
 * and waits until the command has printed what it has. Used as try-with-resources around the work
 * and the printing; {@link #endBar} before printing.
 */
final class LongRun implements AutoCloseable {
    final AtomicBoolean cancel = new AtomicBoolean();
    private final CountDownLatch printed = new CountDownLatch(1);
    private final Thread hook;
    private ProgressBar bar;

    /** Starts the hook and, when {@code show}, a bar counting {@code unit} up to {@code max} (-1: unknown). */
    LongRun(String task, String unit, long max, boolean show) {
        this(task, unit, max, show, true);
    }

    /** As above; without {@code cancellable} there is no Ctrl-C hook (the work cannot stop early and has nothing partial to print). */
    LongRun(String task, String unit, long max, boolean show, boolean cancellable) {
        hook = !cancellable ? null : new Thread(() -> {
            cancel.set(true);
            try {
                printed.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        if (hook != null) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
        if (show && System.console() != null) {
            bar = new ProgressBarBuilder().setTaskName(task).setStyle(ProgressBarStyle.ASCII).setInitialMax(max).setUnit(unit, 1)
                    .continuousUpdate().setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        }
    }

    /** Receives the amount of work done so far. */
    LongConsumer progress() {
        ProgressBar b = bar;
        return b == null ? n -> { } : b::stepTo;
    }

    /** Removes the bar from the terminal, before the results are printed. */
    void endBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    /** True when Ctrl-C stopped the work early. */
    boolean cancelled() {
        return cancel.get();
    }

    @Override
    public void close() {
        endBar();
        printed.countDown();
        if (hook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // already shutting down: the hook is running and has seen the print
        }
    }
}
