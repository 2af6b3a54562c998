using System.Runtime.Intrinsics;

namespace FastLoss.Bench.Infrastructure;

/// <summary>Which vector width the JIT accelerates in this process (the ISA jobs switch it with DOTNET_ variables).</summary>
public static class IsaInfo
{
    /// <summary>Gets the widest accelerated vector: V512, V256, V128 or scalar.</summary>
    public static string Widest =>
        Vector512.IsHardwareAccelerated ? "V512"
        : Vector256.IsHardwareAccelerated ? "V256"
        : Vector128.IsHardwareAccelerated ? "V128"
        : "scalar";

    public static string Describe() =>
        $"widest vector {Widest} (Vector512 {Vector512.IsHardwareAccelerated}, Vector256 {Vector256.IsHardwareAccelerated}, " +
        $"Vector128 {Vector128.IsHardwareAccelerated}; DOTNET_EnableAVX512={Environment.GetEnvironmentVariable("DOTNET_EnableAVX512") ?? "unset"}, " +
        $"DOTNET_EnableAVX2={Environment.GetEnvironmentVariable("DOTNET_EnableAVX2") ?? "unset"})";
}
