namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>A fragment of C# with its operator precedence, so that parentheses are added only where needed.</summary>
internal readonly record struct CSharpCode(string Text, int Precedence)
{
    /// <summary>Literals, names, calls, parenthesised code.</summary>
    public const int Primary = 0;

    /// <summary><c>-a</c>.</summary>
    public const int Unary = 1;

    /// <summary><c>a * b</c>, <c>a / b</c>.</summary>
    public const int Multiplicative = 2;

    /// <summary><c>a + b</c>, <c>a - b</c>.</summary>
    public const int Additive = 3;

    /// <summary><c>a &lt; b</c>, <c>a == b</c>.</summary>
    public const int Relational = 4;

    /// <summary><c>c ? a : b</c>.</summary>
    public const int Conditional = 5;

    public static CSharpCode Atom(string text) => new(text, Primary);

    /// <summary>The text, parenthesised when this binds looser than <paramref name="maximum"/> allows.</summary>
    public string At(int maximum) => Precedence > maximum ? "(" + Text + ")" : Text;

    /// <summary>Whether the text is a plain identifier or literal (safe to repeat without a local).</summary>
    public bool IsSimple
    {
        get
        {
            if (Precedence != Primary || Text.Length == 0)
            {
                return false;
            }

            foreach (var ch in Text)
            {
                if (!(char.IsLetterOrDigit(ch) || ch == '_' || ch == '.'))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
