using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Symbolic.Tests.Scalar;

/// <summary>
/// "At character N" counts the formula's characters (Unicode scalar values) from 1, as its writer does: a character past
/// U+FFFF ("𝑥", "😀") is one, although a .NET string holds it as two UTF-16 units (a surrogate pair).
/// </summary>
public class FormulaCharactersTests
{
    [Theory]
    [InlineData("tanh(x) $ 2", 8, 9)]
    [InlineData("x", 0, 1)]
    [InlineData("x +", 3, 4)]
    [InlineData("😀 + $", 5, 5)]                // '$' is UTF-16 unit 6, character 5
    [InlineData("𝑥 + 𝑥 + $", 10, 9)]          // two pairs before '$': two units more than characters
    [InlineData("x + 😀", 4, 5)]                // the pair's first unit is its character
    [InlineData("x + 😀", 5, 5)]                // an index inside the pair is the pair's character
    [InlineData("x + 😀", 6, 6)]                // the end, after the last character
    [InlineData("\ud800x $", 3, 4)]             // a lone surrogate is one character
    [InlineData("x\udc00\ud800 $", 4, 5)]       // a low then a high surrogate are not a pair
    public void CountsScalarValuesFromOne(string text, int utf16Index, int character)
    {
        Assert.Equal(character, FormulaCharacters.Number(text, utf16Index));
        Assert.Equal(character.ToString(System.Globalization.CultureInfo.InvariantCulture), FormulaCharacters.Text(text, utf16Index));
    }

    /// <summary>Without a character past U+FFFF the number is the UTF-16 index + 1, what every message showed.</summary>
    [Fact]
    public void IsTheIndexPlusOneInTheBasicMultilingualPlane()
    {
        const string text = "where(x > 0, x, 0.01*x) + ０ + ١";
        for (var i = 0; i <= text.Length; i++) Assert.Equal(i + 1, FormulaCharacters.Number(text, i));
    }

    /// <summary>
    /// The parser names the '(' a missing ')' would close by its character, from 1: it gave its 0-based UTF-16 index
    /// ("at position 0" for the formula's first character, where "at character 1" follows in the same message).
    /// </summary>
    [Theory]
    [InlineData("(x", "the formula ended after 'x' where ')' to close the '(' at character 1 was expected")]
    [InlineData("2 * (x + 1", "the formula ended after '1' where ')' to close the '(' at character 5 was expected")]
    [InlineData("max(x, 1 2", "unexpected '2' where ',' or ')' to close the '(' at character 4 was expected")]
    public void AnUnclosedParenthesisIsNamedByItsCharacter(string text, string message)
    {
        Assert.Equal(message, ActivationLanguage.Parse(text).Error!.Message);
    }
}
