using System.Collections.Generic;
using Teleport.Generators.Model;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Generators.Symbolic.Network.Layers;

/// <summary>
/// The [Lstm] layer kind (PyTorch nn.LSTMCell): its parameters weight_ih [4H, in], weight_hh [4H, H], bias_ih [4H],
/// bias_hh [4H], all ~ U(−1/√H, 1/√H), and its lowering into one step of a <see cref="Recurrence"/> body:
/// G = X_t·W_ihᵀ + H_{t−1}·W_hhᵀ + 1·b_ihᵀ + 1·b_hhᵀ [n, 4H], the gate blocks i, f, g, o as column views of G,
/// C_t = σ(G_f)⊙C_{t−1} + σ(G_i)⊙tanh(G_g), H_t = σ(G_o)⊙tanh(C_t), with H and C zero at t = 0 (or a window's
/// carried state). Only the forward step is written here: backpropagation through time and the R-operator are
/// derived from these statements by the differentiation modes.
/// </summary>
internal static class LstmLayer
{
    /// <summary>The gates' column blocks of G, in PyTorch's order.</summary>
    private static readonly string[] Gates = { "i", "f", "g", "o" };

    /// <summary>The derived layer for <paramref name="spec"/>, its tensors starting at <paramref name="offset"/> (advanced past them).</summary>
    public static DerivedLayer Derive(LstmLayerSpec spec, ActivationAnalyses analyses, ref int offset)
    {
        var i = spec.Index;
        var h = spec.Hidden;
        var bound = 1.0 / System.Math.Sqrt(h);
        var boundText = "1/√" + h.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var tensors = new List<ParameterTensor>();
        var next = offset;
        Tensor Add(string name, string display, string tensor, int rows, int columns, int[] shape)
        {
            var t = new Tensor(name, display, rows, columns, TensorStorage.Parameters, next);
            next += rows * columns;
            tensors.Add(new ParameterTensor(ParameterNames.Of(LayerKind.Lstm, i, tensor), t, shape.ToEquatableArray(), bound, boundText));
            return t;
        }

        var weightIh = Add($"wih{i}", $"W{i}_ih", "weight_ih", 4 * h, spec.InputSize, new[] { 4 * h, spec.InputSize });
        Add($"whh{i}", $"W{i}_hh", "weight_hh", 4 * h, h, new[] { 4 * h, h });
        Tensor? biasIh = null;
        if (spec.HasBias)
        {
            biasIh = Add($"bih{i}", $"b{i}_ih", "bias_ih", 1, 4 * h, new[] { 4 * h });
            Add($"bhh{i}", $"b{i}_hh", "bias_hh", 1, 4 * h, new[] { 4 * h });
        }
        offset = next;
        // The cell's output nonlinearity, for Info: H = σ(G_o)⊙tanh(C).
        var tanh = Expr.Tanh(Expr.Var(ActivationLanguage.InputVariable));
        return new DerivedLayer(LayerKind.Lstm, i, spec.InputSize, h, "lstm", "Lstm", tanh, analyses.Of(tanh), weightIh, biasIh, tensors.ToEquatableArray(), spec);
    }

    /// <summary>
    /// Appends one step of the cell to <paramref name="body"/> and the zero initial states to <paramref name="prologue"/>
    /// (run before the loop). The last layer writes H to <paramref name="outputStorage"/>.
    /// </summary>
    public static LayerTensors Lower(DerivedLayer layer, Tensor input, bool last, TensorStorage outputStorage, List<Statement> prologue, List<Statement> body)
    {
        var i = layer.Index;
        var units = layer.Units;
        Tensor Step(string name, string display, int columns, TensorStorage storage = TensorStorage.Workspace) =>
            new(name, display, Tensor.Batch, columns, storage, PerStep: true);
        Tensor Initial(string name, string display) => new(name, display, Tensor.Batch, units, TensorStorage.Workspace);

        var hidden = Step($"h{i}", $"H{i}", units, last ? outputStorage : TensorStorage.Workspace);
        var cell = Step($"c{i}", $"C{i}", units);
        var hiddenInit = Initial($"hinit{i}", $"H{i}⁽⁰⁾");
        var cellInit = Initial($"cinit{i}", $"C{i}⁽⁰⁾");
        prologue.Add(Map.Create(hiddenInit, Expr.Zero, System.Array.Empty<Tensor>(), "zero"));
        prologue.Add(Map.Create(cellInit, Expr.Zero, System.Array.Empty<Tensor>(), "zero"));

        // H_{t−1}, C_{t−1}: the states the previous step wrote.
        var hiddenPrevious = Step($"hprev{i}", $"H{i}[t−1]", units);
        var cellPrevious = Step($"cprev{i}", $"C{i}[t−1]", units);
        body.Add(new StepShift(hiddenPrevious, hidden, hiddenInit));
        body.Add(new StepShift(cellPrevious, cell, cellInit));

        // G = X_t·W_ihᵀ + H_{t−1}·W_hhᵀ (+ 1·b_ihᵀ + 1·b_hhᵀ)
        var weightHh = layer.Tensors[1].Tensor;
        var fromInput = Step($"ih{i}", $"A{i}", 4 * units);
        var fromHidden = Step($"hh{i}", $"R{i}", 4 * units);
        body.Add(new MatMul(fromInput, input, layer.Weight!, MatMulKind.NT));
        body.Add(new MatMul(fromHidden, hiddenPrevious, weightHh, MatMulKind.NT));
        var gates = Step($"gate{i}", $"G{i}", 4 * units);
        if (layer.Bias is { } biasIh)
        {
            var sum = Step($"sum{i}", $"S{i}", 4 * units);
            var withIh = Step($"sumb{i}", $"S{i}′", 4 * units);
            body.Add(Map.Create(sum, Expr.Var("a0") + Expr.Var("a1"), new[] { fromInput, fromHidden }, "sum"));
            body.Add(new BroadcastAdd(withIh, sum, biasIh));
            body.Add(new BroadcastAdd(gates, withIh, layer.Tensors[3].Tensor));
        }
        else
        {
            body.Add(Map.Create(gates, Expr.Var("a0") + Expr.Var("a1"), new[] { fromInput, fromHidden }, "sum"));
        }

        // The gate pre-activations G_i, G_f, G_g, G_o: column views of G, no copies.
        var blocks = new Tensor[4];
        for (var g = 0; g < 4; g++)
        {
            blocks[g] = Step($"g{Gates[g]}{i}", $"G{i}_{Gates[g]}", units);
            body.Add(new ColumnSlice(blocks[g], gates, g * units));
        }

        // C_t = σ(G_f)⊙C_{t−1} + σ(G_i)⊙tanh(G_g);  H_t = σ(G_o)⊙tanh(C_t)
        Expr A(int k) => Expr.Var(Map.Variable(k));
        body.Add(Map.Create(cell, Expr.Sigmoid(A(0)) * A(1) + Expr.Sigmoid(A(2)) * Expr.Tanh(A(3)),
            new[] { blocks[1], cellPrevious, blocks[0], blocks[2] }, "LstmCell"));
        body.Add(Map.Create(hidden, Expr.Sigmoid(A(0)) * Expr.Tanh(A(1)), new[] { blocks[3], cell }, "LstmOutput"));
        return new LayerTensors(input, gates, hidden);
    }
}
