using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CampaignEngine.Web.Features.Auth;

public static class AuthSetup
{
    /// <summary>
    /// Pages sign in with a cookie; the JSON API takes Bearer API keys. One policy scheme picks the
    /// right one per request so that [Authorize] reads the same everywhere.
    /// </summary>
    public static IServiceCollection AddCampaignAuth(this IServiceCollection services)
    {
        services.AddSingleton<UserStore>();
        services.AddSingleton<ApiKeyStore>();
        services.AddAuthentication("smart")
            .AddPolicyScheme("smart", "Cookie or API key", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/account/denied";
                o.Cookie.Name = "ce_auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                // Secure whenever the site is served over HTTPS; the demo on http://127.0.0.1 still signs in.
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                // The API answers 401/403, it never redirects to a sign-in page.
                o.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiAwareRedirect(ctx, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = SessionVersionCheck.ValidateAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Staff, p => p.RequireRole(Roles.All.ToArray()))
            .AddPolicy(Roles.Campaigners, p => p.RequireRole(Roles.Admin, Roles.Officer, Roles.Oblast))
            .AddPolicy(Roles.AdminOnly, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Roles.Recorders, p => p.RequireRole(Roles.Admin, Roles.Officer, Roles.Leader))
            // An endpoint that declares nothing is for signed-in users only, never open by omission.
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddHostedService<AdminBootstrap>();
        return services;
    }

    private static Task ApiAwareRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
