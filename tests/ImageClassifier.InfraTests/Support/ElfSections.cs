namespace ImageClassifier.InfraTests.Support;

/// <summary>Reads the section types of a 64-bit little-endian ELF file (System V ABI, "Section Header").</summary>
internal static class ElfSections
{
    /// <summary>Section type of a full symbol table (<c>SHT_SYMTAB</c>); the dynamic one is <c>SHT_DYNSYM</c>, 11.</summary>
    public const uint SymbolTable = 2;

    /// <summary>Section type of the dynamic symbol table, which the loader and <c>dlsym</c> use.</summary>
    public const uint DynamicSymbolTable = 11;

    public static IReadOnlyList<uint> Types(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 64 || bytes[0] != 0x7F || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F' || bytes[4] != 2 || bytes[5] != 1)
        {
            throw new InvalidDataException($"{path} is not a 64-bit little-endian ELF file.");
        }

        var tableOffset = (long)BitConverter.ToUInt64(bytes, 0x28);
        var entrySize = BitConverter.ToUInt16(bytes, 0x3A);
        var count = BitConverter.ToUInt16(bytes, 0x3C);
        return Enumerable.Range(0, count).Select(i => BitConverter.ToUInt32(bytes, (int)(tableOffset + (i * entrySize) + 4))).ToList();
    }
}
