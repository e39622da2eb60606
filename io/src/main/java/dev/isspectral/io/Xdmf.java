package dev.isspectral.io;

import dev.isspectral.grid.Grid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The XDMF sidecar of a snapshot folder: a temporal collection with one uniform grid per snapshot,
 * each a 3DCoRectMesh whose attributes point into the snapshot's HDF5 datasets. One line per snapshot,
 * so adding one reads the file, keeps the snapshots before it (a restarted run rewrites the later
 * ones) and writes it back atomically: no state is kept between writes.
 *
 * <p>Axes: the datasets are [nx][ny][nz] with z fastest; XDMF lists dimensions slowest first and
 * ParaView calls the fastest axis X, so ParaView's X, Y, Z are the solver's z, y, x (the sidecar says
 * so in a comment). Origin and spacing are given in the same order.
 */
final class Xdmf {

    private static final Pattern ENTRY = Pattern.compile("^\\s*<Grid Name=\"step (\\d+)\" GridType=\"Uniform\">.*?<DataItem[^>]*Format=\"HDF\"[^>]*>([^:<]+):");

    private Xdmf() {
    }

    static void add(Path sidecar, String file, long step, double time, Grid grid, List<String> datasets) {
        TreeMap<Long, String> entries = new TreeMap<>();
        Path folder = sidecar.toAbsolutePath().getParent();
        try {
            if (Files.exists(sidecar)) {
                for (String line : Files.readAllLines(sidecar, StandardCharsets.UTF_8)) {
                    Matcher m = ENTRY.matcher(line);
                    if (m.find()) {
                        long s = Long.parseLong(m.group(1));
                        if (s < step && Files.exists(folder.resolve(m.group(2)))) {
                            entries.put(s, line);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + sidecar, e);
        }
        entries.put(step, entry(file, step, time, grid, datasets));
        StringBuilder xml = new StringBuilder();
        xml.append("<?xml version=\"1.0\" ?>\n");
        xml.append("<!-- IS-Spectral snapshots as a time series: open this file in ParaView (Xdmf3 reader) or VisIt.\n");
        xml.append("     Datasets are [nx][ny][nz] in grid order (z fastest), so ParaView's X, Y, Z axes are the solver's z, y, x. -->\n");
        xml.append("<Xdmf Version=\"3.0\">\n  <Domain>\n");
        xml.append("    <Grid Name=\"snapshots\" GridType=\"Collection\" CollectionType=\"Temporal\">\n");
        for (String line : entries.values()) {
            xml.append(line).append('\n');
        }
        xml.append("    </Grid>\n  </Domain>\n</Xdmf>\n");
        AtomicWrite.write(sidecar, tmp -> Files.writeString(tmp, xml, StandardCharsets.UTF_8), false);
    }

    private static String entry(String file, long step, double time, Grid grid, List<String> datasets) {
        String dims = grid.nx() + " " + grid.ny() + " " + grid.nz();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "      <Grid Name=\"step %d\" GridType=\"Uniform\">", step));
        sb.append("<Time Value=\"").append(time).append("\"/>");
        sb.append("<Topology TopologyType=\"3DCoRectMesh\" Dimensions=\"").append(dims).append("\"/>");
        sb.append("<Geometry GeometryType=\"ORIGIN_DXDYDZ\">");
        sb.append("<DataItem Dimensions=\"3\" NumberType=\"Float\" Precision=\"8\" Format=\"XML\">0 0 0</DataItem>");
        sb.append("<DataItem Dimensions=\"3\" NumberType=\"Float\" Precision=\"8\" Format=\"XML\">")
                .append(grid.lx() / grid.nx()).append(' ').append(grid.ly() / grid.ny()).append(' ')
                .append(grid.lz() / grid.nz()).append("</DataItem>");
        sb.append("</Geometry>");
        List<String> names = new ArrayList<>(datasets);
        for (String d : names) {
            String name = d.substring(d.indexOf('/') + 1);
            sb.append("<Attribute Name=\"").append(name).append("\" AttributeType=\"Scalar\" Center=\"Node\">");
            sb.append("<DataItem Dimensions=\"").append(dims).append("\" NumberType=\"Float\" Precision=\"8\" Format=\"HDF\">")
                    .append(file).append(":/").append(d).append("</DataItem>");
            sb.append("</Attribute>");
        }
        sb.append("</Grid>");
        return sb.toString();
    }
}
