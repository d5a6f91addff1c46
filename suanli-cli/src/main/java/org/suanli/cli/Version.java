package org.suanli.cli;

import picocli.CommandLine;

/** Prints the version from the jar manifest (or "dev" when run from classes). */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"suanli " + (v == null ? "dev" : v)};
    }
}
