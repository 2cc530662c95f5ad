using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CMix.Memory;

/// <summary>
/// Owns one block of native memory from <see cref="LargeTable"/>: a model table, a mixer's
/// weights, a map's per-context slots. The block is released by <see cref="SafeHandle.Dispose()"/>
/// or, when an owner forgets to dispose, by the finaliser, so a lost predictor cannot leak
/// gigabytes for the life of the process.
/// </summary>
/// <remarks>
/// Owners cache <see cref="Pointer"/> in a field for their hot loops and must not use it after
/// disposing the block (they set their copy to null in their own <c>Dispose</c>). The handle is
/// not reference-counted across threads: a block belongs to one predictor, which one thread drives.
/// </remarks>
public sealed unsafe class NativeBlock : SafeHandle
{
    private readonly nuint _bytes;
    private readonly bool _mapped;

    internal NativeBlock(byte* pointer, nuint bytes, bool mapped)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        Debug.Assert(pointer != null && bytes > 0);
        _bytes = bytes;
        _mapped = mapped;
        SetHandle((IntPtr)pointer);
    }

    /// <summary>First byte of the block, 64-byte aligned (2 MB aligned when mapped); null once released.</summary>
    public byte* Pointer => IsClosed ? null : (byte*)handle;

    /// <summary>Bytes the owner asked for.</summary>
    public nuint Bytes => _bytes;

    /// <summary>Whether the block is its own anonymous mapping (else an aligned heap block).</summary>
    public bool IsMapped => _mapped;

    /// <inheritdoc/>
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        LargeTable.Release((byte*)handle, _bytes, _mapped);
        return true;
    }
}
