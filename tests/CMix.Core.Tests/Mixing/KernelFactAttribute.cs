using CMix.Mixing;
using Xunit;

namespace CMix.Core.Tests.Mixing;

/// <summary>A fact that is skipped, with the reason, where this process cannot run the named kernel.</summary>
public sealed class KernelFactAttribute : FactAttribute
{
    public KernelFactAttribute(string kernel) => Skip = KernelSkip.Reason(kernel);
}

/// <summary>A theory that is skipped, with the reason, where this process cannot run the named kernel.</summary>
public sealed class KernelTheoryAttribute : TheoryAttribute
{
    public KernelTheoryAttribute(string kernel) => Skip = KernelSkip.Reason(kernel);
}

internal static class KernelSkip
{
    /// <summary>Null when the kernel runs here, else why not.</summary>
    public static string? Reason(string kernel)
    {
        var k = MixerKernels.FromName(kernel) ?? throw new ArgumentException($"no kernel named {kernel}", nameof(kernel));
        return MixerKernels.IsSupported(k, out string why) ? null : $"{k.Name} kernel unsupported here: {why}";
    }
}
