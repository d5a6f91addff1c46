package org.suanli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command table Main builds from: each name is its class's own, and a short call builds only its command. */
class MainTest {

    @Test
    void everyCommandIsListedUnderItsAnnotatedName() {
        Main.COMMANDS.forEach((name, type) -> assertThat(type.getAnnotation(CommandLine.Command.class).name()).isEqualTo(name));
    }

    @Test
    void aNamedCommandIsTheOnlyOneBuilt() {
        assertThat(Main.commandLine(new String[] {"train", "--help"}).getSubcommands()).containsOnlyKeys("train");
    }

    @Test
    void helpAndUnknownWordsBuildEveryCommand() {
        assertThat(Main.commandLine(new String[] {"help", "train"}).getSubcommands()).containsOnlyKeys(Main.COMMANDS.keySet());
        assertThat(Main.commandLine(new String[] {"trian"}).getSubcommands()).containsOnlyKeys(Main.COMMANDS.keySet());
        assertThat(Main.commandLine(new String[0]).getSubcommands()).containsOnlyKeys(Main.COMMANDS.keySet());
    }
}
