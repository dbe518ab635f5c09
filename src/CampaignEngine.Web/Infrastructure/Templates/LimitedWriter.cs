using System.Text;

namespace CampaignEngine.Web.Infrastructure.Templates;

/// <summary>
/// The output of one render, with a ceiling: a template can multiply its output with nested loops
/// (1,000 × 1,000 × a long string) and fill memory long before the render timeout. Writing past the
/// ceiling stops the render.
/// </summary>
internal sealed class LimitedWriter(int maxChars) : StringWriter(new StringBuilder(), System.Globalization.CultureInfo.InvariantCulture)
{
    public int MaxChars { get; } = maxChars;

    public override void Write(char value)
    {
        Check(1);
        base.Write(value);
    }

    public override void Write(string? value)
    {
        Check(value?.Length ?? 0);
        base.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        Check(count);
        base.Write(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        Check(buffer.Length);
        base.Write(buffer);
    }

    private void Check(int adding)
    {
        if (GetStringBuilder().Length + adding > MaxChars) throw new OutputTooLargeException(MaxChars);
    }
}

internal sealed class OutputTooLargeException(int maxChars) : Exception($"the output passed {maxChars:N0} characters");
