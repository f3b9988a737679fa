package org.multigrad.cli;

import picocli.CommandLine;

/** Reports the version from the jar manifest (or "development" when run from classes). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = MultiGradCli.class.getPackage().getImplementationVersion();
        return new String[] {"multigrad " + (version == null ? "development" : version)};
    }
}
