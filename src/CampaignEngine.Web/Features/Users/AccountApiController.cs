using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Users;

public sealed record PasswordChange(string? CurrentPassword, string? NewPassword);

[Route("api/account")]
public sealed class AccountApiController(UserStore users, Audit.AuditLog audit) : ApiControllerBase
{
    /// <summary>Changes the caller's password; every signed-in page session of theirs ends. API keys stay valid.</summary>
    [HttpPost("password")]
    public IActionResult ChangePassword([FromBody] PasswordChange change)
    {
        if (string.IsNullOrEmpty(change.CurrentPassword)) return Problems.Invalid("currentPassword", "is required");
        if (PasswordRules.Problem(change.NewPassword) is { } problem) return Problems.Invalid("newPassword", problem);
        if (!users.ChangePassword(Me.Id, change.CurrentPassword, change.NewPassword!))
            return Problems.Invalid("currentPassword", "is not the current password");
        audit.Record(Me, "password.change", $"user/{Me.Id}");
        return NoContent();
    }
}
