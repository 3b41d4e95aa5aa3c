namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>The token kinds of the activation language.</summary>
internal enum TokenKind
{
    Number,
    Identifier,
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    LeftParenthesis,
    RightParenthesis,
    Comma,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    End,
}

/// <summary>A token with its place in the formula text.</summary>
internal readonly record struct Token(TokenKind Kind, int Position, int Length, string Text, double Value)
{
    public bool IsComparison => Kind is TokenKind.Less or TokenKind.LessOrEqual or TokenKind.Greater or TokenKind.GreaterOrEqual;

    /// <summary>The token quoted for a message, e.g. <c>'+'</c>, or "the end of the formula".</summary>
    public string Quoted => Kind == TokenKind.End ? "the end of the formula" : "'" + Text + "'";
}
