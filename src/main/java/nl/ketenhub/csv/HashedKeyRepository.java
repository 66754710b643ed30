package nl.ketenhub.csv;

import nl.ketenhub.canonical.Hashes;
import org.apache.camel.spi.IdempotentRepository;

/**
 * Stores the SHA-256 of each key instead of the key: a key built from a file name (up to 255 bytes on most file
 * systems, plus its directory, size and time) always fits the repository's 255-character column, so one long name
 * cannot fail the poll for every file in the inbox.
 */
final class HashedKeyRepository implements IdempotentRepository {

    private final IdempotentRepository delegate;

    HashedKeyRepository(IdempotentRepository delegate) {
        this.delegate = delegate;
    }

    static String hashed(String key) {
        return "sha256:" + Hashes.sha256(key);
    }

    @Override
    public boolean add(String key) {
        return delegate.add(hashed(key));
    }

    @Override
    public boolean contains(String key) {
        return delegate.contains(hashed(key));
    }

    @Override
    public boolean remove(String key) {
        return delegate.remove(hashed(key));
    }

    @Override
    public boolean confirm(String key) {
        return delegate.confirm(hashed(key));
    }

    @Override
    public void clear() {
        delegate.clear();
    }

    @Override
    public void start() {
        delegate.start();
    }

    @Override
    public void stop() {
        delegate.stop();
    }
}
