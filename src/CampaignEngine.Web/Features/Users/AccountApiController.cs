using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Shared;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Users;

internal sealed record PasswordChange(string? CurrentPassword, string? NewPassword);

[Route("api/account")]
internal sealed class AccountApiController(UserStore users, Audit.AuditLog audit) : ApiControllerBase
{
    /// <summary>
    /// Changes the caller's password; every signed-in page session of theirs ends. API keys stay valid. A wrong
    /// current password counts towards the lockout, as at sign-in.
    /// </summary>
    [HttpPost("password")]
    public IActionResult ChangePassword([FromBody] PasswordChange change)
    {
        if (string.IsNullOrEmpty(change.CurrentPassword)) return Problems.Invalid("currentPassword", "is required");
        if (PasswordRules.Problem(change.NewPassword, Me.Login) is { } problem) return Problems.Invalid("newPassword", problem);
        if (change.NewPassword == change.CurrentPassword) return Problems.Invalid("newPassword", "must differ from the current password");
        switch (users.ChangePassword(Me.Id, change.CurrentPassword, change.NewPassword!))
        {
            case PasswordOutcome.Accepted:
                audit.Record(Me, "password.change", $"user/{Me.Id}");
                return NoContent();
            case PasswordOutcome.Wrong:
                audit.Record(Me, "password.change.failed", $"user/{Me.Id}");
                return Problems.Invalid("currentPassword", "is not the current password");
            default:
                return Problems.Locked("currentPassword", UserStore.Lockout);
        }
    }
}
