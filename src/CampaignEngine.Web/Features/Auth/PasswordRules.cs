namespace CampaignEngine.Web.Features.Auth;

/// <summary>One rule for every place a password is set (new users, password change).</summary>
public static class PasswordRules
{
    public const int MinLength = 8;
    public const int MaxLength = 256;

    public static string? Problem(string? password) =>
        string.IsNullOrEmpty(password) || password.Length < MinLength ? $"must be at least {MinLength} characters"
        : password.Length > MaxLength ? $"must be at most {MaxLength} characters"
        : null;
}
