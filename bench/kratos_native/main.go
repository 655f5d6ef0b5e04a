// Command kratos_native times Kratos's session tokenizer path run natively, in Go, with go-jsonnet
// (Ory's engine) and golang-jwt, on the inputs bench/kratos_native.ts writes: the steps of Kratos's
// session/tokenizer.go TokenizeSession, taken per token as Kratos takes them per request. Our own
// program, written from reading Kratos's source; it speaks the wire format of Kratos's jsonnet workers
// (the same JSON parameters, NUL-separated) so that each evaluation moves the same bytes.
//
// It serves a small line protocol on stdin/stdout, so that one process (and its pool of jsonnet
// workers) lives across the benchmark's interleaved rounds:
//
//	token <mode>                     → {"token": "<JWT>"}
//	run <mode> <callers> <seconds>   → {"per_s": …, "tokens": …, "seconds": …}
//
// <mode> is "in-process" (a fresh go-jsonnet VM per evaluation, in this process) or "pool" (as Kratos
// runs it: each evaluation sent to a worker process, `<self> jsonnet -0`, from a pool). Started as
// `kratos_native jsonnet -0`, it is such a worker.
//
// Build in GOPATH mode (scripts/build_kratos_native.sh), with go-jsonnet's source and Debian's
// golang-jwt, gjson and gofrs/uuid.
package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/gofrs/uuid"
	"github.com/golang-jwt/jwt" // Debian's golang-jwt (v4; Kratos uses v5: ES256 signs alike)
	"github.com/google/go-jsonnet"
	"github.com/tidwall/gjson"
)

// ---- The inputs ---------------------------------------------------------------------------------

type template struct {
	JWKSURL         string `json:"jwks_url"`
	ClaimsMapperURL string `json:"claims_mapper_url"`
	TTL             string `json:"ttl"`
}

type input struct {
	Template template        `json:"template"`
	Session  json.RawMessage `json:"session"`
	Issuer   string          `json:"issuer"`
}

// A private JWK as the key set holds it (EC keys only: the benchmark signs ES256).
type jwk struct {
	Kty, Crv, Kid, Alg, X, Y, D string
}

// What Kratos's JWKS fetcher keeps in its cache: the parsed set, under the SHA-256 of its location.
type keyCache struct {
	mu   sync.RWMutex
	sets map[[32]byte][]jwk
}

func (c *keyCache) resolve(location string) (jwk, error) {
	sum := sha256.Sum256([]byte(location))
	c.mu.RLock()
	set, ok := c.sets[sum]
	c.mu.RUnlock()
	if !ok {
		raw, err := fetch(location)
		if err != nil {
			return jwk{}, err
		}
		var parsed struct{ Keys []jwk }
		if err := json.Unmarshal(raw, &parsed); err != nil {
			return jwk{}, err
		}
		set = parsed.Keys
		c.mu.Lock()
		c.sets[sum] = set
		c.mu.Unlock()
	}
	for _, k := range set {
		if k.D != "" {
			return k, nil
		}
	}
	return jwk{}, errors.New("no private key in the key set")
}

// The key's raw form, made per request as jwk.Key.Raw makes it.
func (k jwk) raw() (*ecdsa.PrivateKey, error) {
	if k.Kty != "EC" || k.Crv != "P-256" {
		return nil, fmt.Errorf("unsupported key %s %s", k.Kty, k.Crv)
	}
	var parts [3]*big.Int
	for i, s := range []string{k.X, k.Y, k.D} {
		b, err := base64.RawURLEncoding.DecodeString(s)
		if err != nil {
			return nil, err
		}
		parts[i] = new(big.Int).SetBytes(b)
	}
	return &ecdsa.PrivateKey{PublicKey: ecdsa.PublicKey{Curve: elliptic.P256(), X: parts[0], Y: parts[1]}, D: parts[2]}, nil
}

// Kratos's fetcher for base64:// and file:// sources (neither is cached: only remote ones are).
func fetch(source string) ([]byte, error) {
	switch {
	case strings.HasPrefix(source, "base64://"):
		return base64.StdEncoding.DecodeString(strings.TrimPrefix(source, "base64://"))
	case strings.HasPrefix(source, "file://"):
		return os.ReadFile(strings.TrimPrefix(source, "file://"))
	}
	return nil, fmt.Errorf("unsupported source %q", source)
}

// ---- Jsonnet: in this process, or in a worker process from a pool ----------------------------

type vm interface {
	ExtCode(key, value string)
	EvaluateAnonymousSnippet(filename, snippet string) (string, error)
}

type errorImporter struct{}

func (errorImporter) Import(importedFrom, importedPath string) (jsonnet.Contents, string, error) {
	return jsonnet.Contents{}, "", fmt.Errorf("import not available %v", importedPath)
}

// A fresh VM with imports refused, as Kratos makes one for every evaluation.
func makeInProcessVM() *jsonnet.VM {
	v := jsonnet.MakeVM()
	v.Importer(errorImporter{})
	return v
}

type kv struct{ Key, Value string }

// The parameters Kratos sends a worker, as JSON.
type processParameters struct {
	Filename, Snippet                    string
	TLACodes, TLAVars, ExtCodes, ExtVars []kv
}

func evalParameters(raw []byte) (string, error) {
	var p processParameters
	if err := json.Unmarshal(raw, &p); err != nil {
		return "", err
	}
	v := makeInProcessVM()
	for _, it := range p.ExtCodes {
		v.ExtCode(it.Key, it.Value)
	}
	for _, it := range p.ExtVars {
		v.ExtVar(it.Key, it.Value)
	}
	for _, it := range p.TLACodes {
		v.TLACode(it.Key, it.Value)
	}
	for _, it := range p.TLAVars {
		v.TLAVar(it.Key, it.Value)
	}
	return v.EvaluateAnonymousSnippet(p.Filename, p.Snippet)
}

func splitNull(data []byte, atEOF bool) (int, []byte, error) {
	if atEOF && len(data) == 0 {
		return 0, nil, nil
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return i + 1, data[:i], nil
	}
	if atEOF {
		return len(data), data, nil
	}
	return 0, nil, nil
}

// The worker: NUL-separated parameters in, NUL-separated results (or "ERROR: …") out, under the same
// memory limit Kratos sets. (Kratos also applies an empty Landlock ruleset once at start; it costs
// nothing per evaluation and is left out.)
func workerMain() {
	const limit = 2 << 30
	debug.SetMemoryLimit(limit)
	_ = syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: limit, Max: limit})
	scanner := bufio.NewScanner(os.Stdin)
	scanner.Split(splitNull)
	for scanner.Scan() {
		out, err := evalParameters(scanner.Bytes())
		if err != nil {
			out = fmt.Sprintf("ERROR: %s", err)
		}
		if _, err := fmt.Fprintf(os.Stdout, "%s%c", out, 0); err != nil {
			os.Exit(1)
		}
	}
}

type worker struct {
	cmd    *exec.Cmd
	stdin  chan<- []byte
	stdout <-chan string
	stderr <-chan string
}

func newWorker() (*worker, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(self, "jsonnet", "-0")
	cmd.Env = []string{"GOMAXPROCS=1"}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	in := make(chan []byte, 1)
	go func() {
		for input := range in {
			if _, err := stdin.Write(append(input, 0)); err != nil {
				stdin.Close()
				return
			}
		}
	}()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	scan := func(c chan<- string, r io.Reader, max int) {
		defer close(c)
		s := bufio.NewScanner(r)
		s.Buffer(make([]byte, 0, 64<<10), max)
		s.Split(splitNull)
		for s.Scan() {
			c <- s.Text()
		}
		if err := s.Err(); err != nil {
			c <- "ERROR: scan: " + err.Error()
		}
	}
	out := make(chan string, 1)
	go scan(out, stdout, 256<<10)
	errs := make(chan string, 1)
	go scan(errs, stderr, 1<<10)
	w := &worker{cmd: cmd, stdin: in, stdout: out, stderr: errs}
	if _, err := w.eval(context.Background(), []byte("{}")); err != nil { // warm up, as Kratos does
		return nil, err
	}
	return w, nil
}

// Kratos reads the worker's /proc/<pid>/schedstat before and after each evaluation for its trace.
func readSchedstat(pid int) (int64, bool) {
	raw, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/schedstat")
	if err != nil {
		return 0, false
	}
	fields := bytes.Fields(raw)
	if len(fields) < 2 {
		return 0, false
	}
	n, err := strconv.ParseInt(string(fields[0]), 10, 64)
	return n, err == nil
}

var schedstatSink atomic.Int64

func (w *worker) eval(ctx context.Context, params []byte) (string, error) {
	if before, ok := readSchedstat(w.cmd.Process.Pid); ok && before > 0 {
		defer func() {
			if after, ok := readSchedstat(w.cmd.Process.Pid); ok {
				schedstatSink.Store(after - before)
			}
		}()
	}
	select {
	case <-ctx.Done():
		return "", ctx.Err()
	case w.stdin <- params:
	}
	select {
	case <-ctx.Done():
		return "", ctx.Err()
	case out := <-w.stdout:
		return out, nil
	case err := <-w.stderr:
		return "", errors.New(err)
	}
}

// A fixed pool of warm workers: Kratos sizes its pool max(5, GOMAXPROCS) and warms all of them. Its
// pool library hands out the idle worker released last (a stack), so a sequential caller keeps
// using one warm worker; so does this one.
type pool struct {
	free chan struct{} // one token per idle worker
	mu   sync.Mutex
	idle []*worker
}

func newPool(size int) (*pool, error) {
	p := &pool{free: make(chan struct{}, size)}
	for i := 0; i < size; i++ {
		w, err := newWorker()
		if err != nil {
			return nil, err
		}
		p.release(w)
	}
	return p, nil
}

// Ends the workers, as Kratos destroys one.
func (p *pool) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, w := range p.idle {
		close(w.stdin)
		_ = w.cmd.Process.Kill()
		_ = w.cmd.Wait()
	}
}

func (p *pool) acquire() *worker {
	<-p.free
	p.mu.Lock()
	defer p.mu.Unlock()
	w := p.idle[len(p.idle)-1]
	p.idle = p.idle[:len(p.idle)-1]
	return w
}

func (p *pool) release(w *worker) {
	p.mu.Lock()
	p.idle = append(p.idle, w)
	p.mu.Unlock()
	p.free <- struct{}{}
}

type poolVM struct {
	pool   *pool
	params processParameters
}

func (v *poolVM) ExtCode(key, value string) {
	v.params.ExtCodes = append(v.params.ExtCodes, kv{key, value})
}

func (v *poolVM) EvaluateAnonymousSnippet(filename, snippet string) (string, error) {
	params := v.params
	params.Filename, params.Snippet = filename, snippet
	raw, err := json.Marshal(params)
	if err != nil {
		return "", err
	}
	w := v.pool.acquire()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	out, err := w.eval(ctx, raw)
	if err != nil {
		return "", err // (Kratos destroys the worker here; the benchmark stops at the first error.)
	}
	v.pool.release(w)
	if strings.HasPrefix(out, "ERROR: ") {
		return "", errors.New("jsonnetsecure: " + out)
	}
	return out, nil
}

// ---- The tokenize path, per token ------------------------------------------------------------

type tokenizer struct {
	tpl        template
	ttl        time.Duration
	issuer     string
	session    interface{} // decoded once; Kratos encodes its Session value per request
	sessionID  string
	identityID string
	keys       *keyCache
	pool       *pool // nil: evaluate in this process
}

func (t *tokenizer) vm() vm {
	if t.pool != nil {
		// Kratos's provider looks up its own executable for every VM it hands out.
		if _, err := os.Executable(); err != nil {
			panic(err)
		}
		return &poolVM{pool: t.pool}
	}
	return makeInProcessVM()
}

func (t *tokenizer) tokenize() (string, error) {
	key, err := t.keys.resolve(t.tpl.JWKSURL)
	if err != nil {
		return "", err
	}
	alg := jwt.GetSigningMethod(key.Alg)
	if alg == nil {
		return "", fmt.Errorf("bad alg %q", key.Alg)
	}
	v := t.vm()

	now := time.Now()
	token := jwt.New(alg)
	token.Header["kid"] = key.Kid
	claims := jwt.MapClaims{
		"jti": uuid.Must(uuid.NewV4()).String(),
		"iss": t.issuer,
		"exp": now.Add(t.ttl).Unix(),
		"sid": t.sessionID,
		"nbf": now.Unix(),
		"iat": now.Unix(),
	}
	claims["sub"] = t.identityID

	if mapper := t.tpl.ClaimsMapperURL; len(mapper) > 0 {
		sessionRaw, err := json.Marshal(t.session)
		if err != nil {
			return "", err
		}
		claimsRaw, err := json.Marshal(&claims)
		if err != nil {
			return "", err
		}
		v.ExtCode("session", string(sessionRaw))
		v.ExtCode("claims", string(claimsRaw))
		source, err := fetch(mapper)
		if err != nil {
			return "", err
		}
		evaluated, err := v.EvaluateAnonymousSnippet(mapper, bytes.NewBuffer(source).String())
		if err != nil {
			return "", err
		}
		evaluatedClaims := gjson.Get(evaluated, "claims")
		if !evaluatedClaims.IsObject() {
			return "", errors.New("expected the mapper to return a claims object")
		}
		if err := json.Unmarshal([]byte(evaluatedClaims.Raw), &claims); err != nil {
			return "", err
		}
	}
	claims["sub"] = t.identityID

	privateKey, err := key.raw()
	if err != nil {
		return "", err
	}
	token.Claims = claims
	return token.SignedString(privateKey)
}

// Tokens per second from `callers` goroutines for `seconds`, after a short warm-up.
func (t *tokenizer) rate(callers int, seconds float64) (float64, int64, float64, error) {
	warmUntil := time.Now().Add(50 * time.Millisecond)
	for time.Now().Before(warmUntil) {
		if _, err := t.tokenize(); err != nil {
			return 0, 0, 0, err
		}
	}
	var count atomic.Int64
	var firstErr atomic.Value
	start := time.Now()
	end := start.Add(time.Duration(seconds * float64(time.Second)))
	var wg sync.WaitGroup
	for i := 0; i < callers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(end) {
				if _, err := t.tokenize(); err != nil {
					firstErr.CompareAndSwap(nil, err)
					return
				}
				count.Add(1)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start).Seconds()
	if err, _ := firstErr.Load().(error); err != nil {
		return 0, 0, 0, err
	}
	return float64(count.Load()) / elapsed, count.Load(), elapsed, nil
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "jsonnet" {
		workerMain()
		return
	}
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: kratos_native INPUT.json (then commands on stdin), or kratos_native jsonnet -0")
		os.Exit(2)
	}
	raw, err := os.ReadFile(os.Args[1])
	if err != nil {
		fail(err)
	}
	var in input
	if err := json.Unmarshal(raw, &in); err != nil {
		fail(err)
	}
	ttl, err := time.ParseDuration(in.Template.TTL)
	if err != nil {
		fail(err)
	}
	var session interface{}
	if err := json.Unmarshal(in.Session, &session); err != nil {
		fail(err)
	}
	ids := struct {
		ID       string
		Identity struct{ ID string }
	}{}
	if err := json.Unmarshal(in.Session, &ids); err != nil {
		fail(err)
	}
	base := tokenizer{
		tpl: in.Template, ttl: ttl, issuer: in.Issuer, session: session,
		sessionID: ids.ID, identityID: ids.Identity.ID, keys: &keyCache{sets: map[[32]byte][]jwk{}},
	}
	var workers *pool
	modes := func(mode string) (*tokenizer, error) {
		t := base
		switch mode {
		case "in-process":
			return &t, nil
		case "pool":
			if workers == nil {
				size := runtime.GOMAXPROCS(0)
				if size < 5 {
					size = 5
				}
				if workers, err = newPool(size); err != nil {
					return nil, err
				}
			}
			t.pool = workers
			return &t, nil
		}
		return nil, fmt.Errorf("unknown mode %q", mode)
	}

	reply := json.NewEncoder(os.Stdout)
	lines := bufio.NewScanner(os.Stdin)
	for lines.Scan() {
		f := strings.Fields(lines.Text())
		if len(f) < 2 {
			_ = reply.Encode(map[string]string{"error": "expected: token MODE | run MODE CALLERS SECONDS"})
			continue
		}
		t, err := modes(f[1])
		if err != nil {
			_ = reply.Encode(map[string]string{"error": err.Error()})
			continue
		}
		switch {
		case f[0] == "token":
			token, err := t.tokenize()
			if err != nil {
				_ = reply.Encode(map[string]string{"error": err.Error()})
				continue
			}
			_ = reply.Encode(map[string]string{"token": token})
		case f[0] == "run" && len(f) == 4:
			callers, _ := strconv.Atoi(f[2])
			seconds, _ := strconv.ParseFloat(f[3], 64)
			perS, tokens, elapsed, err := t.rate(callers, seconds)
			if err != nil {
				_ = reply.Encode(map[string]string{"error": err.Error()})
				continue
			}
			_ = reply.Encode(map[string]interface{}{"per_s": perS, "tokens": tokens, "seconds": elapsed})
		default:
			_ = reply.Encode(map[string]string{"error": "unknown command"})
		}
	}
	if workers != nil {
		workers.close()
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
