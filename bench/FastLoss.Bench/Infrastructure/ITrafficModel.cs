namespace FastLoss.Bench.Infrastructure;

/// <summary>
/// Implemented by benchmark classes so the GB/s column can tell how many bytes one invocation must move at the
/// current parameter values (set by the column through the [Params] properties, without running any setup).
/// </summary>
public interface ITrafficModel
{
    /// <summary>Gets the bytes an invocation must read plus the bytes it must write.</summary>
    long BytesMoved { get; }
}
