/**
 * The {@code multigrad} command line. It ships as one class-path jar (the shaded
 * {@code multigrad.jar}, which leaves every module-info out); this descriptor lets it also run on the
 * module path. picocli reads and sets the commands' and mixins' annotated fields by reflection, so the
 * command package is opened to it; it exports nothing.
 */
@SuppressWarnings("requires-automatic") // XChart publishes no module name yet
module org.multigrad.cli {
    requires org.multigrad.djl;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;
    requires xchart;
    requires java.desktop;

    opens org.multigrad.cli to info.picocli;
}
