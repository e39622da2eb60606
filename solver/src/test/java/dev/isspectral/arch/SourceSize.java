package dev.isspectral.arch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The methods of a Java source and their lengths in lines, for {@link SourceSizeTest}. A simple but correct reading:
 * comments, string and character literals and text blocks are blanked first (so braces in them do not count), then
 * braces are matched, each block classified by the text before it (since the previous ';', '{' or '}') and by the
 * block around it. A method (or constructor, or compact record constructor) is a block directly inside a type body
 * (class, interface, enum, record, or an anonymous class's body) whose header is not a type declaration, an
 * initializer or an array initializer (an enum constant's body is a type body: the braces before the enum body's first ';'). Its length counts the lines from the line of its name
 * to the line of its closing brace, both included.
 */
final class SourceSize {

    /** One method: its name and its first and last line (1-based). */
    record Method(String name, int firstLine, int lastLine) {
        int lines() {
            return lastLine - firstLine + 1;
        }
    }

    private enum Kind { TYPE, METHOD, OTHER }

    private static final String MODIFIERS = "(?:(?:public|protected|private|static|final|abstract|sealed|non-sealed|strictfp)\\s+)*";
    private static final Pattern TYPE = Pattern.compile("^" + MODIFIERS + "(?:class|interface|enum|record|@interface)\\s+\\w+.*", Pattern.DOTALL);
    private static final Pattern ANONYMOUS = Pattern.compile(".*\\bnew\\s+[\\w.<>,\\s?\\[\\]]+\\(.*\\)\\s*$", Pattern.DOTALL);
    private static final Pattern ENUM = Pattern.compile("^" + MODIFIERS + "enum\\s+.*", Pattern.DOTALL);
    private static final Pattern METHOD = Pattern.compile("^[^=]*?\\b(\\w+)\\s*\\(.*\\)\\s*(?:throws\\s+[\\w.\\s,<>]+)?$", Pattern.DOTALL);
    private static final Pattern COMPACT_CONSTRUCTOR = Pattern.compile("^" + MODIFIERS + "([A-Z]\\w*)$");
    private static final Pattern ANNOTATION = Pattern.compile("@(?!interface\\b)[\\w.]+(?:\\s*\\([^()]*\\))?");
    private static final Set<String> CONTROL = Set.of("if", "for", "while", "switch", "catch", "synchronized", "try", "do",
            "else", "return", "new", "throw");

    private SourceSize() {
    }

    /** A block being read: its kind, a method's name and first line, and whether an enum's constants still follow. */
    private static final class Block {
        final Kind kind;
        final String name;
        final int start;
        boolean enumConstants;

        Block(Kind kind, String name, int start, boolean enumConstants) {
            this.kind = kind;
            this.name = name;
            this.start = start;
            this.enumConstants = enumConstants;
        }
    }

    /** The methods of {@code source}, in the order their closing braces appear. */
    static List<Method> methods(String source) {
        char[] c = blank(source);
        List<Method> found = new ArrayList<>();
        Deque<Block> blocks = new ArrayDeque<>();
        int headerStart = 0;
        for (int i = 0; i < c.length; i++) {
            char ch = c[i];
            if (ch == ';') {
                if (!blocks.isEmpty()) {
                    blocks.peek().enumConstants = false;     // an enum's constants end at its body's first ';'
                }
                headerStart = i + 1;
            } else if (ch == '{') {
                String header = ANNOTATION.matcher(new String(c, headerStart, i - headerStart)).replaceAll(" ").trim();
                Block parent = blocks.peek();
                Kind kind = Kind.OTHER;
                String name = "";
                int start = 0;
                boolean isEnum = false;
                if (TYPE.matcher(header).matches() || ANONYMOUS.matcher(header).matches()) {
                    kind = Kind.TYPE;
                    isEnum = ENUM.matcher(header).matches();
                } else if (parent != null && parent.kind == Kind.TYPE && parent.enumConstants) {
                    kind = Kind.TYPE;                           // an enum constant's class body
                } else if (parent != null && parent.kind == Kind.TYPE && !header.isEmpty() && !header.equals("static")) {
                    Matcher m = METHOD.matcher(header);
                    Matcher compact = COMPACT_CONSTRUCTOR.matcher(header);
                    if (m.matches() && !CONTROL.contains(m.group(1))) {
                        kind = Kind.METHOD;
                        name = m.group(1);
                    } else if (compact.matches()) {
                        kind = Kind.METHOD;
                        name = compact.group(1);
                    }
                    if (kind == Kind.METHOD) {
                        start = lineOf(c, nameOffset(c, headerStart, i, name));
                    }
                }
                blocks.push(new Block(kind, name, start, isEnum));
                headerStart = i + 1;
            } else if (ch == '}') {
                if (blocks.isEmpty()) {
                    throw new IllegalArgumentException("unbalanced '}' at line " + lineOf(c, i));
                }
                Block b = blocks.pop();
                if (b.kind == Kind.METHOD) {
                    found.add(new Method(b.name, b.start, lineOf(c, i)));
                }
                headerStart = i + 1;
            }
        }
        if (!blocks.isEmpty()) {
            throw new IllegalArgumentException(blocks.size() + " unclosed '{' at the end");
        }
        return found;
    }

    /** Where {@code name} followed by '(' (or the compact constructor's name) first appears in c[from, to). */
    private static int nameOffset(char[] c, int from, int to, String name) {
        String text = new String(c, from, to - from);
        Matcher m = Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(text);
        int at = -1;
        while (m.find()) {
            at = m.start();
            String rest = text.substring(m.end()).stripLeading();
            if (rest.startsWith("(") || rest.isEmpty()) {
                return from + at;
            }
        }
        return from + Math.max(at, 0);
    }

    private static int lineOf(char[] c, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (c[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The source with comments, strings, text blocks and character literals replaced by spaces; newlines kept. */
    static char[] blank(String source) {
        char[] c = source.toCharArray();
        int i = 0;
        while (i < c.length) {
            if (c[i] == '/' && i + 1 < c.length && c[i + 1] == '/') {
                while (i < c.length && c[i] != '\n') {
                    c[i++] = ' ';
                }
            } else if (c[i] == '/' && i + 1 < c.length && c[i + 1] == '*') {
                c[i++] = ' ';
                c[i++] = ' ';
                while (i < c.length && !(c[i] == '*' && i + 1 < c.length && c[i + 1] == '/')) {
                    spaceUnlessNewline(c, i++);
                }
                for (int k = 0; k < 2 && i < c.length; k++) {
                    c[i++] = ' ';
                }
            } else if (c[i] == '"' && i + 2 < c.length && c[i + 1] == '"' && c[i + 2] == '"') {
                c[i++] = ' ';
                c[i++] = ' ';
                c[i++] = ' ';
                while (i < c.length && !(c[i] == '"' && i + 2 < c.length && c[i + 1] == '"' && c[i + 2] == '"'
                        && c[i - 1] != '\\')) {
                    spaceUnlessNewline(c, i++);
                }
                for (int k = 0; k < 3 && i < c.length; k++) {
                    c[i++] = ' ';
                }
            } else if (c[i] == '"' || c[i] == '\'') {
                char quote = c[i];
                c[i++] = ' ';
                while (i < c.length && c[i] != quote && c[i] != '\n') {
                    if (c[i] == '\\' && i + 1 < c.length) {
                        c[i++] = ' ';
                    }
                    c[i++] = ' ';
                }
                if (i < c.length && c[i] == quote) {
                    c[i++] = ' ';
                }
            } else {
                i++;
            }
        }
        return c;
    }

    private static void spaceUnlessNewline(char[] c, int i) {
        if (c[i] != '\n') {
            c[i] = ' ';
        }
    }
}
