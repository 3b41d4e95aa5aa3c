using System;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>Carries a <see cref="ParseError"/> out of the recursive descent; never escapes <see cref="ActivationLanguage.Parse"/>.</summary>
internal sealed class ParseException : Exception
{
    public ParseException(ParseErrorKind kind, int position, int length, string message)
        : base(message)
    {
        Error = new ParseError(kind, position, length, message);
    }

    public ParseError Error { get; }
}
