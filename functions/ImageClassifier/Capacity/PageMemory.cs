using System.ComponentModel;
using System.Runtime.InteropServices;

namespace ImageClassifier.Capacity;

/// <summary>
/// Large buffers straight from the kernel on Linux (<c>mmap</c>/<c>munmap</c>), elsewhere from the C allocator. glibc's
/// malloc serves blocks up to 32 MiB from its heaps once a freed block has raised its mmap threshold, and keeps them
/// after free: 64 clients posting 20 MiB uploads left the process at 1.1 GB a minute after the load; the same run with
/// the threshold fixed (MALLOC_MMAP_THRESHOLD_=1048576) settled at 311 MB (docs/reliability.md). Pages unmapped here
/// are back with the system at once.
/// </summary>
internal static unsafe partial class PageMemory
{
    private const int ProtectReadWrite = 0x1 | 0x2;
    private const int MapPrivateAnonymous = 0x02 | 0x20;
    private const int MayMove = 1;
    private static readonly nint MapFailed = -1;

    /// <summary>Allocates <paramref name="bytes"/> (at least 1).</summary>
    public static byte* Allocate(nuint bytes)
    {
        if (!OperatingSystem.IsLinux())
        {
            return (byte*)NativeMemory.Alloc(bytes);
        }

        var address = Map(0, bytes, ProtectReadWrite, MapPrivateAnonymous, -1, 0);
        return address == MapFailed ? throw new OutOfMemoryException($"mmap of {bytes:N0} bytes failed", new Win32Exception(Marshal.GetLastPInvokeError())) : (byte*)address;
    }

    /// <summary>Resizes a block from <see cref="Allocate"/>, keeping its contents (the kernel moves pages, not bytes).</summary>
    public static byte* Resize(byte* block, nuint oldBytes, nuint newBytes)
    {
        if (!OperatingSystem.IsLinux())
        {
            return (byte*)NativeMemory.Realloc(block, newBytes);
        }

        var address = Remap((nint)block, oldBytes, newBytes, MayMove);
        return address == MapFailed ? throw new OutOfMemoryException($"mremap to {newBytes:N0} bytes failed", new Win32Exception(Marshal.GetLastPInvokeError())) : (byte*)address;
    }

    /// <summary>Frees a block from <see cref="Allocate"/> of <paramref name="bytes"/>.</summary>
    public static void Free(byte* block, nuint bytes)
    {
        if (!OperatingSystem.IsLinux())
        {
            NativeMemory.Free(block);
            return;
        }

        _ = Unmap((nint)block, bytes);
    }

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial nint Map(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "mremap", SetLastError = true)]
    private static partial nint Remap(nint address, nuint oldLength, nuint newLength, int flags);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    private static partial int Unmap(nint address, nuint length);
}
