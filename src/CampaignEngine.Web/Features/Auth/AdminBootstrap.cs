using System.Security.Cryptography;

namespace CampaignEngine.Web.Features.Auth;

/// <summary>
/// On an empty database, creates the first admin. The password and API key come from
/// Bootstrap:AdminPassword / Bootstrap:AdminApiKey, or are generated and printed once on the console
/// (never written to the log files).
/// </summary>
internal sealed class AdminBootstrap(UserStore users, IConfiguration configuration, Infrastructure.DataProtection.KeyRingInfo keyRing) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (users.Any()) return Task.CompletedTask;
        var password = configuration["Bootstrap:AdminPassword"];
        var apiKey = configuration["Bootstrap:AdminApiKey"];
        var generated = string.IsNullOrEmpty(password);
        if (generated) password = Generate();
        var id = users.Create(new NewUser("admin", password!, Roles.Admin, null, null));
        var key = users.CreateApiKey(id, string.IsNullOrEmpty(apiKey) ? null : apiKey).Key;
        Console.WriteLine();
        Console.WriteLine("==== CampaignEngine: first start ====");
        Console.WriteLine($"  admin login:    admin");
        Console.WriteLine($"  admin password: {(generated ? password : "(from Bootstrap:AdminPassword)")}");
        Console.WriteLine($"  admin API key:  {(string.IsNullOrEmpty(apiKey) ? key : "(from Bootstrap:AdminApiKey)")}");
        Console.WriteLine("  These are shown once. Keep them safe.");
        Console.WriteLine();
        // ASP.NET Core logs "No XML encryptor configured" when it writes the first key; say here what that means.
        Console.WriteLine(keyRing.IsProtected
            ? $"  Key ring: {keyRing.Folder}, encrypted with the {keyRing.ProtectedWith}."
            : $"  Key ring: {keyRing.Folder}, NOT encrypted (fine for a trial on this machine). The warning \"No XML encryptor\n" +
              "  configured\" in the log means this: a copy of the data folder is enough to sign in as anyone and issue certificates.\n" +
              "  In production set DataProtection:CertificatePath and DataProtection:CertificatePassword (README, \"Run it in production\").");
        Console.WriteLine();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string Generate() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');
}
