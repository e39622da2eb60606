package dev.isspectral.kernel;

import dev.isspectral.kernel.runtime.ExitInCellException;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Rewrites the calls that would end the kernel's JVM in a snippet class: {@code System.exit(int)} becomes
 * {@link ExitInCellException#systemExit(int)}, {@code Runtime.exit(int)} and {@code Runtime.halt(int)} become static
 * calls with the receiver as first argument ({@link ExitInCellException#runtimeExit}, {@code runtimeHalt}), which
 * throw. Each replacement leaves the operand stack exactly as the original call did, so frames are kept as they are
 * ({@code ClassWriter} flags 0: nothing is recomputed).
 *
 * <p>Why bytecode and not a SecurityManager: {@code System.setSecurityManager} is deprecated for removal (JEP 411),
 * prints a warning on Java 17, throws from Java 18 unless the JVM is started with
 * {@code -Djava.security.manager=allow}, slows every permission check in the JVM, and changes how libraries behave
 * when one is present. Rewriting the snippet classes the kernel itself compiles touches nothing else and works on
 * every Java version. Not covered: reflection or method handles aimed at {@code System.exit}, and classes from
 * jars added to the classpath (they are loaded as they are).
 */
final class ExitGuard {

    private static final String GUARD = Type.getInternalName(ExitInCellException.class);

    private ExitGuard() {
    }

    /**
     * @param bytecode a class file
     * @return the class file with exit calls replaced; the same array if it has none
     */
    static byte[] rewrite(byte[] bytecode) {
        ClassReader reader = new ClassReader(bytecode);
        ClassWriter writer = new ClassWriter(reader, 0);
        boolean[] changed = new boolean[1];
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                return new MethodVisitor(Opcodes.ASM9, mv) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean isInterface) {
                        if (opcode == Opcodes.INVOKESTATIC && owner.equals("java/lang/System") && method.equals("exit")
                                && desc.equals("(I)V")) {
                            changed[0] = true;
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, "systemExit", "(I)V", false);
                        } else if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals("java/lang/Runtime")
                                && (method.equals("exit") || method.equals("halt")) && desc.equals("(I)V")) {
                            changed[0] = true;
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, method.equals("exit") ? "runtimeExit" : "runtimeHalt",
                                    "(Ljava/lang/Runtime;I)V", false);
                        } else {
                            super.visitMethodInsn(opcode, owner, method, desc, isInterface);
                        }
                    }
                };
            }
        }, 0);
        return changed[0] ? writer.toByteArray() : bytecode;
    }
}
