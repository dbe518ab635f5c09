using System.Collections.Frozen;

namespace CampaignEngine.Web.Features.Auth;

/// <summary>One rule for every place a password is set (new users, password change).</summary>
internal static class PasswordRules
{
    public const int MinLength = 8;
    public const int MaxLength = 256;

    // A login of a letter or two turns up inside any password; from four on, it is the part a guesser starts with.
    private const int MinLoginInPassword = 4;

    // Guessing tools try these first, so a lockout of five attempts still lets them in; see CommonPasswords/generate.py.
    private static readonly Lazy<FrozenSet<string>> Common = new(LoadCommon);

    public static string? Problem(string? password, string? login = null) =>
        string.IsNullOrEmpty(password) || password.Length < MinLength ? $"must be at least {MinLength} characters"
        : password.Length > MaxLength ? $"must be at most {MaxLength} characters"
        : IsCommon(password) ? "is one of the most common passwords: choose one that is not a word, a name, a date or a keyboard pattern"
        : login is { Length: >= MinLoginInPassword } && password.Contains(login, StringComparison.OrdinalIgnoreCase) ? "must not contain the login"
        : null;

    /// <summary>True for passwords on the list of the most common ones, whatever their case.</summary>
    public static bool IsCommon(string password) => Common.Value.Contains(password.Trim().ToLowerInvariant());

    private static FrozenSet<string> LoadCommon()
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream("CampaignEngine.Web.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The list of common passwords is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        var words = new List<string>(8_000);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0) words.Add(line);
        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
