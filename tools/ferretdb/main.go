// Command ferretdb runs FerretDB v1.24.2 (MongoDB wire protocol) embedded in a small
// program, on one of its two backends:
//
//   - `-handler postgresql -postgresql-url postgres://...`: one PostgreSQL schema per
//     database, one table per collection (the default of tools/local-services.js when a
//     PostgreSQL server answers);
//   - `-handler sqlite -data <folder>`: one SQLite file per database in that folder.
//
// `go install .../cmd/ferretdb` cannot be used: that binary panics on a missing version
// file, while the embeddable package does not need one.
//
// On start it prints `FERRETDB_HANDLER=<backend>` then `FERRETDB_URI=mongodb://host:port/`
// once the listener is bound, so a caller can ask for port 0 and read the port it got.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"syscall"

	"github.com/FerretDB/FerretDB/build/version"
	"github.com/FerretDB/FerretDB/ferretdb"
)

// The embeddable package reports "unknown" as its version; the module version this program
// was built with is the truth, and clients (and tests) read it from buildInfo.ferretdbVersion.
func setVersion() {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return
	}
	for _, dep := range info.Deps {
		if dep.Path == "github.com/FerretDB/FerretDB" {
			version.Get().Version = dep.Version
		}
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "ferretdb: "+format+"\n", args...)
	os.Exit(1)
}

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on (port 0 picks a free port)")
	handler := flag.String("handler", "sqlite", "backend: sqlite or postgresql")
	dataDir := flag.String("data", ".data/ferretdb", "sqlite: folder holding the SQLite files")
	pgURL := flag.String("postgresql-url", "", "postgresql: connection URL (postgres://user@host:port/db?pool_max_conns=...)")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	flag.Parse()
	setVersion()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: bad -log-level %q\n", *logLevel)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	config := &ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: *listen},
		Logger:   logger,
		Handler:  *handler,
	}
	switch *handler {
	case "sqlite":
		abs, err := filepath.Abs(*dataDir)
		if err == nil {
			err = os.MkdirAll(abs, 0o755)
		}
		if err != nil {
			fail("data folder %q: %s", *dataDir, err)
		}
		config.SQLiteURL = "file:" + abs + "/"
	case "postgresql":
		u, err := url.Parse(*pgURL)
		if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
			fail("-postgresql-url must be a postgres:// URL (got %q)", *pgURL)
		}
		config.PostgreSQLURL = *pgURL
	default:
		fmt.Fprintf(os.Stderr, "ferretdb: bad -handler %q (sqlite or postgresql)\n", *handler)
		os.Exit(2)
	}

	f, err := ferretdb.New(config)
	if err != nil {
		fail("%s", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	fmt.Printf("FERRETDB_HANDLER=%s\n", *handler)
	fmt.Printf("FERRETDB_URI=%s\n", f.MongoDBURI())
	if err := f.Run(ctx); err != nil {
		fail("%s", err)
	}
}
