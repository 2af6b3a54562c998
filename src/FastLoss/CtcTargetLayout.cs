namespace FastLoss;

/// <summary>How the targets of <c>Loss.Ctc</c> are laid out (torch's two forms of <c>ctc_loss</c>'s <c>targets</c>).</summary>
/// <remarks>
/// The layout is explicit rather than guessed from the length: a guess would accept a mistake (concatenated targets
/// one sample too long read as a padded [N, S] block, or a padded block whose lengths exceed S read as concatenated)
/// that torch rejects.
/// </remarks>
public enum CtcTargetLayout
{
    /// <summary>
    /// torch's 2-d targets [N, S], row-major: sample n's labels are <c>targets[n·S .. n·S + targetLengths[n])</c>, with
    /// S = <c>targets.Length / N</c> (the padded width, at least every target length); the padding is not read.
    /// </summary>
    Padded = 0,

    /// <summary>
    /// torch's 1-d targets: the samples' label sequences one after another, <c>targets.Length</c> = Σ targetLengths.
    /// Also the layout of an unbatched call (log_probs [T, C], batch size 1).
    /// </summary>
    Concatenated = 1,
}
