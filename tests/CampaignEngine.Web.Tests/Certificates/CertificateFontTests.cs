using CampaignEngine.Web.Infrastructure.Templates;
using System.Text;
using System.Text.RegularExpressions;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Certificates;
using CampaignEngine.Web.Features.Certificates.Documents;
using CampaignEngine.Web.Features.Certificates.Verification;
using CampaignEngine.Web.Infrastructure.Documents;
using CampaignEngine.Web.Infrastructure.Localization;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace CampaignEngine.Web.Tests.Certificates;

/// <summary>
/// The shipped font subsets (Assets/fonts/README.md) against what certificates print, and the fast path
/// (subset trimmed to the letters printed) against the slow ones it replaces.
/// </summary>
public sealed class CertificateFontTests
{
    private static readonly UiText Texts = new();
    private static readonly CertificateDocuments Documents =
        new(Texts, new MessageModelBuilder(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["PublicBaseUrl"] = "https://example.kg" }).Build(), Texts));

    // Names and reasons as people type them: the alphabets of the product's languages and of the compatriots' countries.
    private const string Alphabets =
        "абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя АБВГДЕЁЖЗИЙКЛМНҢОӨПРСТУҮФХЦЧШЩЪЫЬЭЮЯ" +
        "әғқұһі ӘҒҚҰҺІ єїґў ЄЇҐЎ" +
        "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789" +
        "äöüßçğışñéèêàâîôûë ÄÖÜÇĞİŞÑÉ" +
        "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ «»“”„‘’‚–—…№€₽₸₴£¥©®°±×·•‰ʼʻ\u00A0\u2009\u202F";

    [Fact]
    public void Subset_fonts_have_every_letter_a_certificate_prints()
    {
        var printed = new StringBuilder(Alphabets);
        foreach (var language in Languages.All)
        foreach (var key in Texts.Keys(language).Where(k => k.StartsWith("cert.", StringComparison.Ordinal)))
            printed.Append(Texts.Get(language, key));
        foreach (var issuer in ShippedModules.All.Select(m => m.Issuer))
        foreach (var language in Languages.All)
            printed.Append(issuer.Name.In(language)).Append(issuer.SignatoryTitle.In(language)).Append(issuer.SignatoryName);

        var missing = printed.ToString().Where(c => !char.IsControl(c) && c != ' ' && !DocumentFonts.Subset.Covers(c)).Distinct()
            .Select(c => $"'{c}' U+{(int)c:X4}").ToList();

        Assert.True(missing.Count == 0, $"missing from the subset fonts (add the range in Assets/fonts/make-subsets.sh): {string.Join(", ", missing)}");
    }

    [Fact]
    public void Kyrgyz_name_and_symbols_print_from_the_trimmed_subset_and_read_back_exactly()
    {
        var document = Document("ky", "Ңаа Өмүрбекова-Үсөнова", "№ 12 «Таза көл» — “€ 100”, ₽ 500 – $ 50, 20 °C © 2026");
        var letters = CertificatePdf.PrintedLetters(document);
        Assert.True(DocumentFonts.Subset.CoversAll(letters));

        var pdf = CertificatePdf.Render(document, DocumentFonts.Subset.Trim(letters));

        var printed = Squash(CertificatePdfReader.Read(pdf).Text);
        Assert.Contains(Squash(document.HolderName), printed);
        Assert.Contains(Squash(document.Reason), printed);
        Assert.Contains(document.Serial, printed);
    }

    [Fact]
    public void Trimmed_subset_writes_the_same_pdf_as_the_whole_subset()
    {
        var document = Document("ru", "Айгүл Өмүрбекова", "За помощь после селя «Кара-Суу» — 1 000 ₽");

        var trimmed = CertificatePdf.Render(document, DocumentFonts.Subset.Trim(CertificatePdf.PrintedLetters(document)));
        var whole = CertificatePdf.Render(document, DocumentFonts.Subset.Whole);

        // Only the file identifier, new for every document, may differ.
        Assert.Equal(WithoutId(whole), WithoutId(trimmed));
    }

    [Fact]
    public void A_letter_outside_the_subset_prints_from_the_full_fonts()
    {
        var document = Document("en", "Ελένη Παπαδοπούλου", "For help after the mudflow");
        Assert.False(DocumentFonts.Subset.CoversAll(document.HolderName.Where(c => c != ' ')));

        var printed = Squash(CertificatePdfReader.Read(CertificatePdf.Render(document)).Text);

        Assert.Contains(Squash(document.HolderName), printed);
    }

    public static TheoryData<string, string, string> EveryModuleLanguageAndStatus()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var module in ShippedModules.All)
        foreach (var language in module.Languages)
        foreach (var status in new[] { CertificateStatus.Valid, CertificateStatus.Revoked, CertificateStatus.Superseded })
            data.Add(module.Id, language, status);
        return data;
    }

    /// <summary>PrintedLetters must list every letter drawn, or the fast path is silently given up for a second render.</summary>
    [Theory, MemberData(nameof(EveryModuleLanguageAndStatus))]
    public void Every_certificate_renders_on_the_fast_path(string moduleId, string language, string status)
    {
        // A reason too long for its lines, so that the ellipsis is drawn too.
        var document = Document(language, "Айгүл Өмүрбекова Ңаа", string.Concat(Enumerable.Repeat("«Таза көл» долбооруна 1 000 USD — ыраазычылык. ", 40)),
            moduleId, status);

        var pdf = CertificatePdf.Render(document, DocumentFonts.Subset.Trim(CertificatePdf.PrintedLetters(document)));

        Assert.Contains("…", CertificatePdfReader.Read(pdf).Text);
    }

    private static CertificateDocument Document(string language, string holder, string reason, string moduleId = "issyk-kul", string status = CertificateStatus.Valid)
    {
        var module = ShippedModules.Manifest(moduleId);
        var record = new CertificateRecord
        {
            Serial = $"{module.Issuer.SerialPrefix}-2026-000042", CompatriotId = 1, ModuleId = moduleId, Kind = "honorary",
            Language = language, HolderName = holder, Reason = reason, IssuedAt = new DateTimeOffset(2026, 11, 20, 6, 0, 0, TimeSpan.Zero),
            Status = status, ContentHash = "",
        };
        return Documents.For(record, module);
    }

    private static string Squash(string text) => Regex.Replace(text, @"\s+", "");

    private static string WithoutId(byte[] pdf) => Regex.Replace(Encoding.Latin1.GetString(pdf), @"/ID \[[^\]]*\]", "/ID []");
}
