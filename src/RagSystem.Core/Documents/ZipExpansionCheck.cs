using System.IO.Compression;

namespace RagSystem.Documents;

/// <summary>Refuses a zip archive that would expand past <see cref="ZipLimits"/>: first from the sizes its central
/// directory declares, then by inflating every entry into nothing, counting, because those sizes can lie. Memory stays
/// at one 64 KB buffer whatever the archive holds.</summary>
internal static class ZipExpansionCheck
{
    /// <summary>Throws <see cref="DocumentReadException"/> (kind <see cref="DocumentFailureKind.TooLarge"/>) when the
    /// archive in <paramref name="bytes"/> expands too far; <see cref="DocumentFailureKind.Corrupt"/> when it is not a readable zip.</summary>
    public static void Verify(byte[] bytes, string name, ZipLimits limits, CancellationToken cancellationToken)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            if (archive.Entries.Count > limits.MaxEntries)
                throw Bomb(name, $"it holds {archive.Entries.Count} entries, over the limit of {limits.MaxEntries}");
            long declaredTotal = 0;
            foreach (var entry in archive.Entries)
            {
                if (entry.Length > limits.MaxEntryBytes)
                    throw Bomb(name, $"{entry.FullName} is {Megabytes(entry.Length)} when decompressed, over the {Megabytes(limits.MaxEntryBytes)} limit per entry");
                declaredTotal += entry.Length;
                if (declaredTotal > limits.MaxTotalBytes)
                    throw Bomb(name, $"its entries add up to more than {Megabytes(limits.MaxTotalBytes)} when decompressed");
                if (entry.Length >= limits.RatioCheckFromBytes && entry.Length > limits.MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
                    throw Bomb(name, $"{entry.FullName} expands {entry.Length / Math.Max(1, entry.CompressedLength)} times when decompressed, over the ratio limit of {limits.MaxCompressionRatio:0}");
            }
            var buffer = new byte[1 << 16];
            long actualTotal = 0;
            foreach (var entry in archive.Entries)
            {
                using var stream = entry.Open();
                long actual = 0;
                int read;
                while ((read = stream.Read(buffer)) > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    actual += read;
                    actualTotal += read;
                    if (actual > entry.Length || actual > limits.MaxEntryBytes || actualTotal > limits.MaxTotalBytes)
                        throw Bomb(name, $"{entry.FullName} decompresses to more than its declared {Megabytes(entry.Length)}");
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw new DocumentReadException(DocumentFailureKind.Corrupt, $"`{name}` is a damaged zip archive: {ex.Message}", ex);
        }
    }

    private static DocumentReadException Bomb(string name, string detail) =>
        new(DocumentFailureKind.TooLarge, $"`{name}` is too large when decompressed (a zip bomb?): {detail}");

    private static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024):0.#} MB";
}
