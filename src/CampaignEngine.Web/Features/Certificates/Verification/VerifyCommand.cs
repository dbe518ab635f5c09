using System.Text;
using System.Text.Json;
using CampaignEngine.Web.Features.Certificates.Issuers;
using CampaignEngine.Web.Infrastructure.Localization;

namespace CampaignEngine.Web.Features.Certificates.Verification;

/// <summary>
/// <c>verify &lt;file.pdf | QR text | payload | file holding either&gt; [--keys issuers.json]</c>: the offline check.
/// Reads the signed payload (from the PDF's metadata, a QR code's text, a payload line, or a file holding one), checks
/// it with the issuer keys from a saved copy of <c>/.well-known/campaign-engine/issuers.json</c>, and for a PDF also
/// that the printed text matches. Exit 0 only for valid.
/// </summary>
internal static class VerifyCommand
{
    public const int ExitValid = 0;
    public const int ExitTampered = 1;
    public const int ExitUnknownKey = 2;
    public const int ExitUnreadable = 3;
    public const int ExitUsage = 64;

    private const string Usage = "usage: verify <file.pdf | \"QR text\" | payload | file with either> [--keys issuers.json]";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        string? target = null, keysPath = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--keys" && i + 1 < args.Length) keysPath = args[++i];
            else if (target is null && !args[i].StartsWith("--", StringComparison.Ordinal)) target = args[i];
            else { await error.WriteLineAsync(Usage); return ExitUsage; }
        }
        if (target is null) { await error.WriteLineAsync(Usage); return ExitUsage; }
        keysPath ??= File.Exists("issuers.json") ? "issuers.json" : null;
        if (keysPath is null || !File.Exists(keysPath))
        {
            await error.WriteLineAsync("No issuer keys: save <site>/.well-known/campaign-engine/issuers.json and pass it with --keys.");
            return ExitUsage;
        }

        IssuersDocument? keys;
        try { keys = JsonSerializer.Deserialize<IssuersDocument>(await File.ReadAllTextAsync(keysPath), JsonSerializerOptions.Web); }
        catch (JsonException ex) { await error.WriteLineAsync($"{keysPath} is not an issuers document: {ex.Message}"); return ExitUsage; }
        if (keys?.Issuers is null) { await error.WriteLineAsync($"{keysPath} lists no issuers."); return ExitUsage; }

        string? payload;
        string? printed = null;
        if (File.Exists(target))
        {
            var bytes = await File.ReadAllBytesAsync(target);
            if (bytes.AsSpan().StartsWith("%PDF"u8))
            {
                try { (payload, printed) = CertificatePdfReader.Read(bytes); }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    await output.WriteLineAsync($"unreadable: {target} is not a readable PDF ({ex.GetType().Name})");
                    return ExitUnreadable;
                }
            }
            else payload = Encoding.UTF8.GetString(bytes).Trim();
        }
        else payload = target;

        var verifier = new OfflineVerifier(new UiText());
        OfflineVerification result;
        if (printed is null && payload is not null && CertificateQr.LooksLikeAddress(payload))
        {
            // A QR code's text: the address carries the signed content in its fragment (CertificateQr).
            var (fromQr, problem) = CertificateQr.Read(payload);
            if (fromQr is null)
            {
                await output.WriteLineAsync($"unreadable: {problem}");
                return ExitUnreadable;
            }
            result = verifier.Check(fromQr, keys);
        }
        else result = verifier.Check(payload, keys, printed);
        await Report(result, output);
        return result.Status switch
        {
            OfflineStatus.Valid => ExitValid,
            OfflineStatus.Tampered => ExitTampered,
            OfflineStatus.UnknownKey => ExitUnknownKey,
            _ => ExitUnreadable,
        };
    }

    private static async Task Report(OfflineVerification result, TextWriter output)
    {
        var p = result.Payload;
        await output.WriteLineAsync($"{result.Status}{(p is null ? "" : ": " + p.Serial)}");
        if (p is not null)
        {
            var issuerName = result.Issuer?.Names.GetValueOrDefault(p.Language) ?? "(not in the keys file)";
            await output.WriteLineAsync($"  issuer:   {p.ModuleId} — {issuerName}");
            await output.WriteLineAsync($"  kind:     {p.Kind}");
            await output.WriteLineAsync($"  holder:   {p.HolderName}");
            await output.WriteLineAsync($"  issued:   {p.IssuedDay}");
            await output.WriteLineAsync($"  language: {p.Language}");
            if (p.Attests is not null) await output.WriteLineAsync($"  attests:  {string.Join(" | ", p.AttestedFields)}");
            var key = result.Key;
            await output.WriteLineAsync(key is null
                ? $"  key:      {p.KeyId} (unknown)"
                : $"  key:      {key.Kid} ({key.Algorithm}, created {key.CreatedAt:yyyy-MM-dd}{(key.RetiredAt is { } r ? $", retired {r:yyyy-MM-dd}" : "")})");
        }
        foreach (var problem in result.Problems) await output.WriteLineAsync($"  problem:  {problem}");
        if (p is not null) await output.WriteLineAsync($"  payload:  {p}");
        if (result.Status == OfflineStatus.Valid)
            await output.WriteLineAsync("  note:     a valid signature cannot show a later revocation; the verify page online can.");
    }
}
