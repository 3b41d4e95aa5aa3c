namespace Teleport.MetaLearning;

/// <summary>
/// How a <see cref="RegressionTask"/> draws its data X and targets Y (the initial weights are U[0, 1) in every family).
/// </summary>
public enum TaskFamily
{
    /// <summary>The paper's Figure 6 tasks: every entry of X and Y from U[0, 1).</summary>
    Paper,

    /// <summary>
    /// A family the paper did not try, to test whether a meta-trained optimiser transfers: X and Y with independent
    /// standard normal entries — zero-mean data of another scale, so the gradients the meta-network reads differ in
    /// sign pattern and size from those it was trained on.
    /// </summary>
    Gaussian,
}
