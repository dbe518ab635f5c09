namespace CampaignEngine.Bench.Items;

/// <summary>
/// Runs the import item and then the search item on what the import wrote: the directory the search reads is the one
/// the product's own importer made, search terms included. <c>BENCH_SEARCH_DB</c> names a database to keep aside: an
/// existing file is searched without importing again (a million rows take minutes), a missing one is written after the import
/// (SQLite only). On PostgreSQL both hosts have databases of their own on the bench's server.
/// </summary>
internal static class DirectoryImportRun
{
    public static Task<List<Result>> Run(string root, BenchOptions options, Action<string> log, bool import, bool search) =>
        Run(Engines.Sqlite, root, options, log, import, search);

    public static async Task<List<Result>> Run(string engine, string root, BenchOptions options, Action<string> log, bool import, bool search)
    {
        var results = new List<Result>();
        var folder = Path.Combine(root, "people");
        Directory.CreateDirectory(folder);
        log($"Writing an import file of {options.Compatriots:N0} compatriots");
        var file = PeopleCsv.Write(Path.Combine(folder, "people.csv"), options.Compatriots);
        var kept = engine == Engines.Sqlite ? Environment.GetEnvironmentVariable("BENCH_SEARCH_DB") : null;
        var reuse = !import && !string.IsNullOrEmpty(kept) && File.Exists(kept);
        if (reuse) DeskData.Reuse(Path.Combine(root, "search"), kept);
        await using var host = ProductHost.CreateOn(engine, root, "search");
        if (!reuse)
        {
            await using var bare = ProductHost.CreateOn(engine, root, "import-bare");
            var result = ImportItem.Run(host, bare, file, options, log);
            if (import) results.Add(result);
            if (!string.IsNullOrEmpty(kept)) Keep(host, kept);
        }
        if (search)
        {
            log("Directory searches");
            results.AddRange(SearchItem.Run(host, file, options));
        }
        File.Delete(file.Path);
        return results;
    }

    private static void Keep(ProductHost host, string path)
    {
        using (var connection = host.OpenSqlite()) DirectoryData.Exec(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        File.Copy(host.DbPath, path, overwrite: true);
    }
}
