using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using CampaignEngine.Web.Infrastructure.Web;
using System.Security.Claims;

namespace CampaignEngine.Web.Features.Auth;

[Route("account")]
public sealed class AccountController : Controller
{
    private readonly UserStore _users;

    public AccountController(UserStore users) => _users = users;

    [HttpGet("login"), AllowAnonymous]
    public IActionResult Login(string? returnUrl) => View(new LoginForm { ReturnUrl = returnUrl });

    // Password guessing is slowed twice: per address here, per account by the lockout in UserStore.
    [HttpPost("login"), AllowAnonymous, ValidateAntiForgeryToken, EnableRateLimiting(PublicRateLimit.Policy)]
    public async Task<IActionResult> Login([FromForm] LoginForm form)
    {
        var user = _users.CheckPassword(form.Login ?? "", form.Password ?? "");
        if (user is null)
        {
            form.Failed = true;
            form.Password = null;
            return View(form);
        }
        var principal = new ClaimsPrincipal(CurrentUser.ToIdentity(user, CookieAuthenticationDefaults.AuthenticationScheme));
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl! : "/");
    }

    [HttpPost("logout"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Logout()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/account/login");
    }

    [HttpGet("denied"), AllowAnonymous]
    public IActionResult Denied() => View();
}

public sealed class LoginForm
{
    public string? Login { get; set; }
    public string? Password { get; set; }
    public string? ReturnUrl { get; set; }
    public bool Failed { get; set; }
}
