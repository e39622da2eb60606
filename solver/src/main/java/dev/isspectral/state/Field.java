package dev.isspectral.state;

/**
 * The ten evolved fields of physics.md §1, in storage order:
 * U = (T^00, T^0x, T^0y, T^0z, Π, π^xx, π^yy, π^xy, π^xz, π^yz).
 */
public enum Field {
    /** T^00, the lab-frame energy density. */
    T00("T00"),
    /** T^0x, the lab-frame momentum density along x. */
    T0X("T0x"),
    /** T^0y. */
    T0Y("T0y"),
    /** T^0z. */
    T0Z("T0z"),
    /** Π, the bulk viscous pressure. */
    BULK("Pi"),
    /** π^xx. */
    PI_XX("pi_xx"),
    /** π^yy. */
    PI_YY("pi_yy"),
    /** π^xy. */
    PI_XY("pi_xy"),
    /** π^xz. */
    PI_XZ("pi_xz"),
    /** π^yz. */
    PI_YZ("pi_yz");

    /** Number of evolved fields. */
    public static final int COUNT = 10;

    /** The five evolved shear components, in order. */
    public static final Field[] SHEAR = {PI_XX, PI_YY, PI_XY, PI_XZ, PI_YZ};

    private final String label;

    Field(String label) {
        this.label = label;
    }

    /** Short name used in tables and error messages, e.g. {@code "pi_xy"}. */
    public String label() {
        return label;
    }

    /** Whether this is a conserved density T^0ν. */
    public boolean conserved() {
        return ordinal() < 4;
    }

    /** Parses a label ({@code "T00"}, {@code "pi_xy"}) or an enum name, case-insensitively. */
    public static Field parse(String text) {
        for (Field f : values()) {
            if (f.label.equalsIgnoreCase(text) || f.name().equalsIgnoreCase(text)) {
                return f;
            }
        }
        throw new IllegalArgumentException("field = \"" + text + "\"; must be one of " + labels());
    }

    /** The labels in order, as messages list them: "T00, T0x, …, pi_yz". */
    public static String labels() {
        StringBuilder s = new StringBuilder();
        for (Field f : values()) {
            s.append(s.length() == 0 ? "" : ", ").append(f.label);
        }
        return s.toString();
    }
}
