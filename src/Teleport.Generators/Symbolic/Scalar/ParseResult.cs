using System;
using System.Collections.Generic;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>What went wrong in an activation formula.</summary>
internal enum ParseErrorKind
{
    /// <summary>The formula is empty or white space (the result still carries the identity, see <see cref="ParseResult"/>).</summary>
    Empty,

    /// <summary>A token in the wrong place: a missing operand, operator or parenthesis.</summary>
    Syntax,

    /// <summary>A character that is not part of the language, e.g. <c>$</c>.</summary>
    UnexpectedCharacter,

    /// <summary>A malformed or out-of-range number, e.g. <c>1e999</c>.</summary>
    InvalidNumber,

    /// <summary>A call of a name that is neither a function nor a built-in activation.</summary>
    UnknownFunction,

    /// <summary>A name that is neither <c>x</c> nor a built-in activation.</summary>
    UnknownVariable,

    /// <summary>A function or activation called with the wrong number of arguments.</summary>
    WrongArity,

    /// <summary>A built-in activation's parameter that depends on <c>x</c>, e.g. <c>leaky_relu(x)</c>.</summary>
    NonConstantParameter,

    /// <summary>A constant part that is NaN or ±∞ in double precision (<c>0/0</c>, <c>log(0)</c>), or a division by zero (<c>x/0</c>, <c>x/(x - x)</c>).</summary>
    UndefinedValue,
}

/// <summary>
/// An error in an activation formula: <see cref="Position"/> is the 0-based index of the offending text
/// (the text's length when the formula ended too early), <see cref="Length"/> its length (0 at the end).
/// <see cref="Message"/> names the problem and quotes the offending token.
/// </summary>
internal sealed record ParseError(ParseErrorKind Kind, int Position, int Length, string Message);

/// <summary>
/// The result of <see cref="ActivationLanguage.Parse"/>: an expression in <c>x</c>, or an error.
/// A blank formula is the one case with both: <see cref="Error"/> has kind <see cref="ParseErrorKind.Empty"/>
/// and <see cref="Expression"/> is the identity <c>x</c>, so callers may treat it as "no activation"
/// (the contract: an omitted activation is the identity) or report it.
/// </summary>
internal sealed record ParseResult(Expr? Expression, ParseError? Error)
{
    /// <summary>Parsed without any error.</summary>
    public bool Success => Error is null;

    /// <summary>
    /// The constant sub-formulas of the formula as written (innermost first) that float cannot hold at full precision
    /// (<see cref="FloatRounding.IsOutsideFloat"/>), and the products of a chain's constant factors that are: where a
    /// diagnostic about such a constant in the code the generator writes can point.
    /// </summary>
    public IReadOnlyList<WrittenConstant> ConstantsOutsideFloat { get; init; } = Array.Empty<WrittenConstant>();
}

/// <summary>A constant as written: characters <see cref="Position"/>..<see cref="Position"/> + <see cref="Length"/> of the formula, and its value in double.</summary>
internal sealed record WrittenConstant(int Position, int Length, double Value);
