using System.Net;
using System.Net.Http.Json;
using CampaignEngine.Web.Features.Certificates.Issuing;
using CampaignEngine.Web.Infrastructure.Documents;
using CampaignEngine.Web.Tests.Infrastructure;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Graphics.Colors;

namespace CampaignEngine.Web.Tests.Certificates;

public sealed class CertificateEmblemPdfTestsOnSqlite() : CertificateEmblemPdfTests(TestHost.Sqlite);

public sealed class CertificateEmblemPdfTestsOnPostgreSql() : CertificateEmblemPdfTests(TestHost.PostgreSql);

/// <summary>The issuer's emblem is drawn in the PDF where the print view shows it: centred above the administration's name.</summary>
public abstract class CertificateEmblemPdfTests(string engine) : IDisposable
{
    // A gold disc with a red, evenodd star cut in it, inside a group that is scaled and moved, and a path of arcs used by reference.
    private const string Emblem = """
        <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 200 200">
          <defs><path id="ring" d="M100 20 a80 80 0 1 1 -0.1 0 z" /></defs>
          <g transform="translate(100 100) scale(0.5) translate(-100 -100)">
            <circle cx="100" cy="100" r="90" fill="#d4a017" />
            <polygon points="100,30 120,90 180,90 130,125 150,185 100,150 50,185 70,125 20,90 80,90" style="fill:rgb(179,38,30);fill-rule:evenodd" />
          </g>
          <use xlink:href="#ring" fill="none" stroke="navy" stroke-width="6" />
        </svg>
        """;

    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task The_pdf_draws_the_issuers_emblem_above_the_name_in_its_colours_like_the_print_view()
    {
        var admin = _host.AdminClient();
        var put = await admin.PutAsJsonAsync("/api/modules/issyk-kul/issuer", new
        {
            name = new { ky = "Ысык-Көл облусунун администрациясы", ru = "Администрация Иссык-Кульской области", en = "Issyk-Kul Oblast Administration" },
            signatoryTitle = new { ky = "Өкүл", ru = "Полпред", en = "Representative" },
            signatoryName = "А. Б. Сыдыков",
            emblemSvg = Emblem,
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var (serial, _) = await CertificateTestData.IssueAsync(admin, CertificateTestData.InsertCompatriot(_host, CertificateTestData.Aigul));

        // The print view carries the emblem...
        var html = await admin.GetStringAsync($"/api/certificates/{serial}/html");
        Assert.Contains("class=\"emblem\"", html);
        Assert.Contains("#d4a017", html);

        // ...and so does the PDF: filled gold and red shapes and a navy ring, in a 22 mm box centred over the name.
        using var pdf = PdfDocument.Open(await admin.GetByteArrayAsync($"/api/certificates/{serial}/pdf"));
        var page = pdf.GetPage(1);
        var issuerName = page.GetWords().First(w => w.Text == "Ысык-Көл").BoundingBox;
        var box = 22 / 25.4 * 72;
        var emblem = page.Paths.Where(p => p.GetBoundingRectangle() is { } r && r.Bottom > issuerName.Top && r.Width < box + 1).ToList();
        var gold = Assert.Single(emblem, p => p.IsFilled && Is(p.FillColor, 0xd4, 0xa0, 0x17));
        Assert.Single(emblem, p => p.IsFilled && Is(p.FillColor, 179, 38, 30) && p.FillingRule == UglyToad.PdfPig.Core.FillingRule.EvenOdd);
        Assert.Single(emblem, p => p.IsStroked && !p.IsFilled && Is(p.StrokeColor, 0, 0, 128));
        var disc = gold.GetBoundingRectangle()!.Value;
        // The disc (radius 90 of 200, scaled by a half) spans 45 % of the box, centred on the page.
        Assert.InRange(disc.Width, box * 0.45 - 1, box * 0.45 + 1);
        Assert.InRange(disc.Centroid.X, page.Width / 2 - 1, page.Width / 2 + 1);
        Assert.InRange(disc.Bottom - issuerName.Top, 0, box);
    }

    [SkippableFact]
    public async Task Without_an_emblem_the_pdf_draws_none_and_sets_the_name_where_it_always_was()
    {
        var admin = _host.AdminClient();
        var (serial, _) = await CertificateTestData.IssueAsync(admin, CertificateTestData.InsertCompatriot(_host, CertificateTestData.Aigul));

        using var pdf = PdfDocument.Open(await admin.GetByteArrayAsync($"/api/certificates/{serial}/pdf"));
        var page = pdf.GetPage(1);
        var issuerName = page.GetWords().First(w => w.Text == "Ысык-Көл").BoundingBox;
        Assert.DoesNotContain(page.Paths, p => p.GetBoundingRectangle() is { } r && r.Bottom > issuerName.Top && r.Width < 100);
        Assert.True(page.Height - issuerName.Top < 90, $"the name starts {page.Height - issuerName.Top} pt from the top");
    }

    [SkippableFact]
    public void Path_data_in_compact_syntax_and_arcs_become_lines_and_curves_that_end_where_svg_says()
    {
        var pieces = SvgPathData.Parse("M10-20l5.5.5h-1v2q1 1 2 0t2 0a5 5 0 0110 0zm1,1 L2e1 3");

        Assert.Equal(new PathPiece.Move(10, -20), pieces[0]);
        Assert.Equal(new PathPiece.Line(15.5, -19.5), pieces[1]);
        Assert.Equal(new PathPiece.Line(14.5, -19.5), pieces[2]);
        Assert.Equal(new PathPiece.Line(14.5, -17.5), pieces[3]);
        var arcEnd = pieces.OfType<PathPiece.Cubic>().Last();
        Assert.Equal((28.5, -17.5), (Math.Round(arcEnd.X, 6), Math.Round(arcEnd.Y, 6)));
        Assert.IsType<PathPiece.Close>(pieces[^3]);
        Assert.Equal(new PathPiece.Move(11, -19), pieces[^2]); // after z the pen is back at the start
        Assert.Equal(new PathPiece.Line(20, 3), pieces[^1]);
    }

    [SkippableTheory]
    [InlineData("For repairing the school roof", "en")]
    [InlineData("Мектептин чатырын оңдогону үчүн", "ky")]
    [InlineData("Мектептин чатырын ондогону учун", "ky")]
    [InlineData("За помощь в ремонте школы", "ru")]
    [InlineData("Айтматов", null)]
    [InlineData("12 345", null)]
    public void The_language_of_a_reason_is_guessed_only_when_its_letters_or_words_say_so(string text, string? expected) =>
        Assert.Equal(expected, TextLanguage.Guess(text));

    private static bool Is(IColor? color, int r, int g, int b) =>
        color?.ToRGBValues() is var (cr, cg, cb) && Math.Abs(cr * 255 - r) < 1.5 && Math.Abs(cg * 255 - g) < 1.5 && Math.Abs(cb * 255 - b) < 1.5;

    public void Dispose()

    {

        _host.Dispose();

        GC.SuppressFinalize(this);

    }
}
