package dev.vigil.its.support;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a class file refers to, read from its bytes (JVMS chapter 4) without loading it: the types its code uses
 * (bytecode operands, member references, descriptors, catch types, locals), its fields, and the annotations on its
 * methods with their element values. Structural entries (this class, InnerClasses, NestHost) are not "uses": javac
 * writes the enclosing class there, and ByteBuddy copies only the advice code.
 */
public final class ClassFileInfo {
  private static final Pattern CLASS_IN_DESCRIPTOR = Pattern.compile("L([^;<]+)[;<]");

  public final String name;
  /** Internal names (a/b/C) the class itself uses: super class, interfaces, field types. */
  public final Set<String> usedTypes = new LinkedHashSet<>();
  public final List<String> fields = new ArrayList<>();
  public final List<Method> methods = new ArrayList<>();
  public boolean usesInvokeDynamic;

  private final Object[] pool;
  private final byte[] tags;
  private Set<String> sink = usedTypes;

  /** One method: name, descriptor, flags and its annotations (visible and invisible, parameters included). */
  public static final class Method {
    public final String name;
    public final String descriptor;
    public final int access;
    public final List<Annotation> annotations = new ArrayList<>();
    /** Internal names this method's descriptor, code, catch types, locals and throws clause use. */
    public final Set<String> usedTypes = new LinkedHashSet<>();

    Method(String name, String descriptor, int access) {
      this.name = name;
      this.descriptor = descriptor;
      this.access = access;
    }

    public boolean isStatic() {
      return (access & 0x0008) != 0;
    }

    public Annotation annotation(String typeSuffix) {
      for (Annotation a : annotations) {
        if (a.type.endsWith(typeSuffix)) {
          return a;
        }
      }
      return null;
    }
  }

  /** An annotation: its type descriptor and element values (class values as descriptors, enums as Type.NAME). */
  public static final class Annotation {
    public final String type;
    public final Map<String, String> values = new LinkedHashMap<>();
    /** Types named inside the element values (class values, enum types, nested annotations). */
    public final Set<String> referencedTypes = new LinkedHashSet<>();

    Annotation(String type) {
      this.type = type;
    }

    @Override
    public String toString() {
      return type + values;
    }
  }

  public static ClassFileInfo read(byte[] bytes) throws IOException {
    return new ClassFileInfo(new DataInputStream(new ByteArrayInputStream(bytes)));
  }

  private ClassFileInfo(DataInputStream in) throws IOException {
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort(); // minor
    in.readUnsignedShort(); // major
    int count = in.readUnsignedShort();
    pool = new Object[count];
    tags = new byte[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      tags[i] = (byte) tag;
      switch (tag) {
        case 1: pool[i] = in.readUTF(); break;
        case 3: case 4: in.readInt(); break;
        case 5: case 6: in.readLong(); i++; break;
        case 7: case 8: case 16: case 19: case 20: pool[i] = in.readUnsignedShort(); break;
        case 9: case 10: case 11: case 12: case 17: case 18:
          pool[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
          break;
        case 15: pool[i] = new int[] {in.readUnsignedByte(), in.readUnsignedShort()}; break;
        default: throw new IOException("unknown constant pool tag " + tag + " at " + i);
      }
    }
    in.readUnsignedShort(); // access
    name = className(in.readUnsignedShort());
    int superIndex = in.readUnsignedShort();
    if (superIndex != 0) {
      sink.add(className(superIndex));
    }
    int interfaces = in.readUnsignedShort();
    for (int i = 0; i < interfaces; i++) {
      sink.add(className(in.readUnsignedShort()));
    }
    int fieldCount = in.readUnsignedShort();
    for (int i = 0; i < fieldCount; i++) {
      in.readUnsignedShort();
      String fieldName = utf(in.readUnsignedShort());
      String descriptor = utf(in.readUnsignedShort());
      fields.add(fieldName + " " + descriptor);
      addDescriptor(descriptor);
      skipAttributes(in);
    }
    int methodCount = in.readUnsignedShort();
    for (int i = 0; i < methodCount; i++) {
      int access = in.readUnsignedShort();
      Method m = new Method(utf(in.readUnsignedShort()), utf(in.readUnsignedShort()), access);
      sink = m.usedTypes;
      addDescriptor(m.descriptor);
      int attributes = in.readUnsignedShort();
      for (int a = 0; a < attributes; a++) {
        String attribute = utf(in.readUnsignedShort());
        byte[] body = new byte[in.readInt()];
        in.readFully(body);
        DataInputStream b = new DataInputStream(new ByteArrayInputStream(body));
        switch (attribute) {
          case "Code": readCode(b); break;
          case "RuntimeVisibleAnnotations": case "RuntimeInvisibleAnnotations": readAnnotations(b, m.annotations); break;
          case "RuntimeVisibleParameterAnnotations": case "RuntimeInvisibleParameterAnnotations":
            int parameters = b.readUnsignedByte();
            for (int p = 0; p < parameters; p++) {
              readAnnotations(b, m.annotations);
            }
            break;
          case "Exceptions":
            int thrown = b.readUnsignedShort();
            for (int t = 0; t < thrown; t++) {
              sink.add(className(b.readUnsignedShort()));
            }
            break;
          default: break;
        }
      }
      methods.add(m);
      sink = usedTypes;
    }
    int classAttributes = in.readUnsignedShort();
    for (int a = 0; a < classAttributes; a++) {
      String attribute = utf(in.readUnsignedShort());
      in.skipBytes(in.readInt());
      if (attribute.equals("BootstrapMethods")) {
        usesInvokeDynamic = true;
      }
    }
  }

  private void readCode(DataInputStream b) throws IOException {
    b.readUnsignedShort(); // max stack
    b.readUnsignedShort(); // max locals
    byte[] code = new byte[b.readInt()];
    b.readFully(code);
    readInstructions(code);
    int handlers = b.readUnsignedShort();
    for (int h = 0; h < handlers; h++) {
      b.skipBytes(6);
      int catchType = b.readUnsignedShort();
      if (catchType != 0) {
        sink.add(className(catchType));
      }
    }
    int attributes = b.readUnsignedShort();
    for (int a = 0; a < attributes; a++) {
      String attribute = utf(b.readUnsignedShort());
      byte[] body = new byte[b.readInt()];
      b.readFully(body);
      if (attribute.equals("LocalVariableTable")) {
        DataInputStream l = new DataInputStream(new ByteArrayInputStream(body));
        int locals = l.readUnsignedShort();
        for (int i = 0; i < locals; i++) {
          l.skipBytes(6);
          addDescriptor(utf(l.readUnsignedShort()));
          l.readUnsignedShort();
        }
      }
    }
  }

  /** Walks the bytecode and records every constant the instructions refer to. */
  private void readInstructions(byte[] code) {
    int pc = 0;
    while (pc < code.length) {
      int op = code[pc] & 0xFF;
      switch (op) {
        case 0x12: // ldc
          constant(code[pc + 1] & 0xFF);
          pc += 2;
          break;
        case 0x13: case 0x14: // ldc_w, ldc2_w
        case 0xB2: case 0xB3: case 0xB4: case 0xB5: // get/put static/field
        case 0xB6: case 0xB7: case 0xB8: // invokevirtual, invokespecial, invokestatic
        case 0xBB: case 0xBD: case 0xC0: case 0xC1: // new, anewarray, checkcast, instanceof
          constant(u2(code, pc + 1));
          pc += 3;
          break;
        case 0xB9: // invokeinterface
          constant(u2(code, pc + 1));
          pc += 5;
          break;
        case 0xBA: // invokedynamic
          usesInvokeDynamic = true;
          constant(u2(code, pc + 1));
          pc += 5;
          break;
        case 0xC5: // multianewarray
          constant(u2(code, pc + 1));
          pc += 4;
          break;
        case 0xAA: { // tableswitch
          int p = (pc + 4) & ~3;
          int low = s4(code, p + 4);
          int high = s4(code, p + 8);
          pc = p + 12 + 4 * (high - low + 1);
          break;
        }
        case 0xAB: { // lookupswitch
          int p = (pc + 4) & ~3;
          pc = p + 8 + 8 * s4(code, p + 4);
          break;
        }
        case 0xC4: // wide
          pc += (code[pc + 1] & 0xFF) == 0x84 ? 6 : 4;
          break;
        default:
          pc += length(op);
      }
    }
  }

  private static int length(int op) {
    if (op == 0x10 || op == 0x12 || (op >= 0x15 && op <= 0x19) || (op >= 0x36 && op <= 0x3A) || op == 0xA9
        || op == 0xBC) {
      return 2; // bipush, ldc, loads, stores, ret, newarray
    }
    if (op == 0x11 || op == 0x84 || (op >= 0x99 && op <= 0xA8) || op == 0xC6 || op == 0xC7) {
      return 3; // sipush, iinc, branches, ifnull, ifnonnull
    }
    if (op == 0xC8 || op == 0xC9) {
      return 5; // goto_w, jsr_w
    }
    return 1;
  }

  private void constant(int index) {
    switch (tags[index]) {
      case 7: sink.add(className(index)); break;
      case 9: case 10: case 11: {
        int[] ref = (int[]) pool[index];
        sink.add(className(ref[0]));
        addDescriptor(utf(((int[]) pool[ref[1]])[1]));
        break;
      }
      case 16: addDescriptor(utf((Integer) pool[index])); break;
      case 17: case 18: addDescriptor(utf(((int[]) pool[((int[]) pool[index])[1]])[1])); break;
      case 15: constant(((int[]) pool[index])[1]); break;
      default: break; // numbers and strings refer to no type
    }
  }

  private void readAnnotations(DataInputStream b, List<Annotation> out) throws IOException {
    int count = b.readUnsignedShort();
    for (int i = 0; i < count; i++) {
      out.add(readAnnotation(b));
    }
  }

  private Annotation readAnnotation(DataInputStream b) throws IOException {
    Annotation a = new Annotation(utf(b.readUnsignedShort()));
    int pairs = b.readUnsignedShort();
    for (int i = 0; i < pairs; i++) {
      String element = utf(b.readUnsignedShort());
      a.values.put(element, readValue(b, a));
    }
    return a;
  }

  private String readValue(DataInputStream b, Annotation owner) throws IOException {
    int tag = b.readUnsignedByte();
    switch (tag) {
      case 'e': {
        String type = utf(b.readUnsignedShort());
        owner.referencedTypes.add(type);
        return type + "." + utf(b.readUnsignedShort());
      }
      case 'c': {
        String type = utf(b.readUnsignedShort());
        owner.referencedTypes.add(type);
        return type;
      }
      case '@': {
        Annotation nested = readAnnotation(b);
        owner.referencedTypes.add(nested.type);
        owner.referencedTypes.addAll(nested.referencedTypes);
        return "@" + nested;
      }
      case '[': {
        int n = b.readUnsignedShort();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          values.add(readValue(b, owner));
        }
        return values.toString();
      }
      default: {
        int index = b.readUnsignedShort();
        return tag == 's' ? utf(index) : "#" + index;
      }
    }
  }

  private void addDescriptor(String descriptor) {
    Matcher m = CLASS_IN_DESCRIPTOR.matcher(descriptor);
    while (m.find()) {
      sink.add(m.group(1));
    }
  }

  private String className(int index) {
    String n = utf((Integer) pool[index]);
    // array classes are written as descriptors: [Ljava/lang/String;
    if (n.startsWith("[")) {
      Matcher m = CLASS_IN_DESCRIPTOR.matcher(n);
      return m.find() ? m.group(1) : "java/lang/Object";
    }
    return n;
  }

  private String utf(int index) {
    return (String) pool[index];
  }

  private static void skipAttributes(DataInputStream in) throws IOException {
    int count = in.readUnsignedShort();
    for (int i = 0; i < count; i++) {
      in.readUnsignedShort();
      in.skipBytes(in.readInt());
    }
  }

  private static int u2(byte[] code, int i) {
    return ((code[i] & 0xFF) << 8) | (code[i + 1] & 0xFF);
  }

  private static int s4(byte[] code, int i) {
    return (code[i] << 24) | ((code[i + 1] & 0xFF) << 16) | ((code[i + 2] & 0xFF) << 8) | (code[i + 3] & 0xFF);
  }
}
