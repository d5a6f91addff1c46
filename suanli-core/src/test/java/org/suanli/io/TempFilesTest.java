package org.suanli.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry of live temporary files, and the one shutdown hook that deletes them. */
class TempFilesTest {

    @Test
    void deleteAllRemovesEveryRegisteredFileAndForgetsIt(@TempDir Path dir) throws Exception {
        Path a = Files.createFile(dir.resolve("a.tmp"));
        Path b = Files.createFile(dir.resolve("b.tmp"));
        TempFiles.register(a);
        TempFiles.register(b);
        TempFiles.deleteAll();
        assertThat(a).doesNotExist();
        assertThat(b).doesNotExist();
        assertThat(TempFiles.live()).doesNotContain(a, b);
    }

    @Test
    void anUnregisteredFileIsKept(@TempDir Path dir) throws Exception {
        Path a = Files.createFile(dir.resolve("a.tmp"));
        TempFiles.register(a);
        TempFiles.unregister(a);
        TempFiles.deleteAll();
        assertThat(a).exists();
    }

    @Test
    void registeringInstallsTheShutdownHook(@TempDir Path dir) throws Exception {
        Path a = Files.createFile(dir.resolve("a.tmp"));
        TempFiles.register(a);
        TempFiles.unregister(a);
        assertThat(TempFiles.hookInstalled()).isTrue();
    }

    @Test
    void aJvmStoppedWhileWritingLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("trace.json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), WriteForever.class.getName(), out.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            Path temp = Path.of(r.readLine());
            assertThat(temp).exists();
            p.destroy();   // SIGTERM, which runs shutdown hooks as Ctrl-C's SIGINT does
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(temp).doesNotExist();
            assertThat(out).doesNotExist();
            assertThat(SpecialFiles.tempFiles(dir)).isEmpty();
        } finally {
            p.destroyForcibly();
        }
    }

    /** Opens an output, prints its temporary file and keeps writing until stopped. */
    public static final class WriteForever {
        public static void main(String[] args) throws Exception {
            OutputFile f = OutputFile.open("--trace", Path.of(args[0]));
            System.out.println(f.temp());
            System.out.flush();
            while (true) {
                f.stream().write(new byte[4096]);
                Thread.sleep(10);
            }
        }
    }
}
